package dev.safesend.analytics.rest;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.safesend.analytics.domain.ContactSegment;
import dev.safesend.analytics.domain.SegmentRanking;
import dev.safesend.analytics.mapping.AttributionApiMapper;
import dev.safesend.analytics.service.AttributionReports;
import dev.safesend.servicekit.tenancy.ProjectAccess;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.util.List;

/**
 * Contacts touched by campaigns, per segment of their address ({@code by=region|country|type}), ranked by conversion
 * rate: JSON, or CSV written row by row as it streams out ({@code Accept: text/csv}).
 */
@Path("/v1/reports/segments")
public class SegmentResource {

    public static final String CSV = "text/csv";
    private static final CsvMapper CSV_MAPPER = new CsvMapper();
    private static final CsvSchema CSV_SCHEMA = CSV_MAPPER.schemaFor(SegmentView.Row.class).withHeader();

    private final AttributionReports reports;
    private final ProjectAccess access;
    private final AttributionApiMapper mapper;

    public SegmentResource(AttributionReports reports, ProjectAccess access, AttributionApiMapper mapper) {
        this.reports = reports;
        this.access = access;
        this.mapper = mapper;
    }

    @GET
    @Blocking
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed({"admin", "operator", "viewer"})
    public Response get(@QueryParam("by") String by, @QueryParam("campaignId") String campaignId,
                        @QueryParam("limit") @DefaultValue("20") String limit, @Context HttpHeaders headers) {
        ContactSegment.By dimension = ContactSegment.By.parse(by);
        if (dimension == null) {
            throw invalid("by", by == null ? "required" : "invalid_value", "segment by region, country or type");
        }
        int top = parseLimit(limit);
        List<SegmentRanking.Segment> segments = reports.segments(dimension, campaignId, top, access.scope());
        if (wantsCsv(headers)) {
            StreamingOutput csv = out -> {
                try (SequenceWriter rows = CSV_MAPPER.writer(CSV_SCHEMA).writeValues(out)) {
                    for (SegmentRanking.Segment s : segments) {
                        rows.write(mapper.row(s));
                    }
                }
            };
            return Response.ok(csv, CSV).build();
        }
        return Response.ok(mapper.toView(dimension.name(), segments), MediaType.APPLICATION_JSON).build();
    }

    private static boolean wantsCsv(HttpHeaders headers) {
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        return !accepted.isEmpty() && accepted.get(0).isCompatible(MediaType.valueOf(CSV)) && !accepted.get(0).isWildcardType();
    }

    private static int parseLimit(String limit) {
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= AttributionReports.MAX_SEGMENTS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("limit", "out_of_range", "a whole number from 1 to " + AttributionReports.MAX_SEGMENTS);
    }

    private static ProblemException invalid(String field, String code, String message) {
        return ProblemException.validation("the report cannot be made", List.of(new Problem.FieldError(field, code, message)));
    }
}
