package dev.safesend.analytics.rest;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.safesend.analytics.domain.ReportQuery;
import dev.safesend.analytics.domain.ReportQuery.Grouping;
import dev.safesend.analytics.domain.ReportRow;
import dev.safesend.analytics.mapping.ReportApiMapper;
import dev.safesend.servicekit.tenancy.ProjectAccess;
import dev.safesend.analytics.service.ReportService;
import dev.safesend.servicekit.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reports over the rollups for the console (admins, operators, viewers): JSON by default, CSV with
 * {@code Accept: text/csv} for the list reports, streamed row by row from a database cursor. {@code from}/{@code to}
 * are UTC days (YYYY-MM-DD, both included; default the last 30 days) of the messages' acceptance.
 */
@Path("/v1/reports")
@RolesAllowed({"admin", "operator", "viewer"})
public class ReportResource {

    static final String TEXT_CSV = "text/csv";
    /** The longest range a report covers. */
    static final int MAX_DAYS = 366;

    private static final CsvMapper CSV = new CsvMapper();

    private final ReportService reports;
    private final ReportApiMapper mapper;
    private final ProjectAccess access;

    public ReportResource(ReportService reports, ReportApiMapper mapper, ProjectAccess access) {
        this.reports = reports;
        this.mapper = mapper;
        this.access = access;
    }

    @GET
    @Path("/campaigns")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public ReportViews.Items<ReportViews.CampaignRow> campaigns(@QueryParam("project") String project, @QueryParam("from") String from,
                                                                 @QueryParam("to") String to) {
        return new ReportViews.Items<>(reports.list(query(Grouping.CAMPAIGN, project, from, to)).stream().map(mapper::campaign).toList());
    }

    @GET
    @Path("/campaigns")
    @Blocking
    @Produces(TEXT_CSV)
    public Response campaignsCsv(@QueryParam("project") String project, @QueryParam("from") String from, @QueryParam("to") String to) {
        return csv("campaigns", query(Grouping.CAMPAIGN, project, from, to), ReportViews.CampaignRow.class, mapper::campaign);
    }

    @GET
    @Path("/campaigns/{id}")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public ReportViews.CampaignDetail campaign(@PathParam("id") String id) {
        return reports.campaign(id, access).map(mapper::detail).orElseThrow(() -> ProblemException.notFound("campaign", id));
    }

    @GET
    @Path("/senders")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public ReportViews.Items<ReportViews.SenderDayRow> senders(@QueryParam("from") String from, @QueryParam("to") String to) {
        return new ReportViews.Items<>(reports.list(query(Grouping.SENDER_DAY, null, from, to)).stream().map(mapper::sender).toList());
    }

    @GET
    @Path("/senders")
    @Blocking
    @Produces(TEXT_CSV)
    public Response sendersCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        return csv("senders", query(Grouping.SENDER_DAY, null, from, to), ReportViews.SenderDayRow.class, mapper::sender);
    }

    @GET
    @Path("/templates")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public ReportViews.Items<ReportViews.TemplateDayRow> templates(@QueryParam("from") String from, @QueryParam("to") String to) {
        return new ReportViews.Items<>(reports.list(query(Grouping.TEMPLATE_DAY, null, from, to)).stream().map(mapper::template).toList());
    }

    @GET
    @Path("/templates")
    @Blocking
    @Produces(TEXT_CSV)
    public Response templatesCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        return csv("templates", query(Grouping.TEMPLATE_DAY, null, from, to), ReportViews.TemplateDayRow.class, mapper::template);
    }

    @GET
    @Path("/projects")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public ReportViews.Items<ReportViews.ProjectDayRow> projects(@QueryParam("from") String from, @QueryParam("to") String to) {
        return new ReportViews.Items<>(reports.list(query(Grouping.PROJECT_DAY, null, from, to)).stream().map(mapper::project).toList());
    }

    @GET
    @Path("/projects")
    @Blocking
    @Produces(TEXT_CSV)
    public Response projectsCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        return csv("projects", query(Grouping.PROJECT_DAY, null, from, to), ReportViews.ProjectDayRow.class, mapper::project);
    }

    /** One UTC day's totals (default today) over the caller's projects. */
    @GET
    @Path("/overview")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public ReportViews.Overview overview(@QueryParam("day") String day) {
        LocalDate d = QueryParams.day("day", day, reports.today());
        return mapper.overview(d, reports.overview(d, access));
    }

    private ReportQuery query(Grouping grouping, String project, String rawFrom, String rawTo) {
        LocalDate to = QueryParams.day("to", rawTo, reports.today());
        LocalDate from = QueryParams.day("from", rawFrom, to.minusDays(29));
        if (from.isAfter(to)) {
            throw QueryParams.invalid("from", "after_to", "from (" + from + ") is after to (" + to + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw QueryParams.invalid("from", "range_too_long", "a report covers at most " + MAX_DAYS + " days");
        }
        return reports.query(grouping, from, to, project == null || project.isBlank() ? null : project, access);
    }

    /**
     * The report as CSV: a header of the view's JSON property names, then one line per row, written as the cursor reads
     * them (the tenancy check and the query were made before the first byte).
     */
    private <V extends Record> Response csv(String name, ReportQuery query, Class<V> view, Function<ReportRow, V> toView) {
        List<String> columns = Arrays.asList(view.getAnnotation(JsonPropertyOrder.class).value());
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        StreamingOutput body = out -> {
            try (SequenceWriter writer = CSV.writer(schema.build()).without(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS).writeValues(out)) {
                reports.stream(query, row -> {
                    try {
                        writer.write(mapper.csvRow(toView.apply(row), columns));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        };
        return Response.ok(body, TEXT_CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
    }
}
