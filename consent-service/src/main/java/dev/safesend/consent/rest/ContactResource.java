package dev.safesend.consent.rest;

import dev.safesend.consent.domain.Category;
import dev.safesend.consent.domain.ConsentRules;
import dev.safesend.consent.domain.ConsentSource;
import dev.safesend.consent.domain.ConsentState;
import dev.safesend.consent.domain.Evidence;
import dev.safesend.consent.mapping.ContactApiMapper;
import dev.safesend.consent.service.ConsentService;
import dev.safesend.consent.service.ContactIdentities;
import dev.safesend.consent.service.ContactService;
import dev.safesend.consent.service.ProjectResolver;
import dev.safesend.servicekit.problem.Problem;
import dev.safesend.servicekit.problem.ProblemException;
import dev.safesend.servicekit.tenancy.ProjectAccess;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Contacts and their consent. Writes need admin or operator; viewers read. Phones in paths are E.164, URL-encoded.
 * A token limited to projects (claim {@code projects}) changes consent only for its projects (403 otherwise), sees
 * only its projects' consent and ledger entries, and gets 404 for a person none of its projects knows; erasing a
 * person removes them from every project, so it needs a token for every project.
 */
@Path("/v1/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ContactResource {

    private final ContactService contacts;
    private final ContactApiMapper mapper;
    private final SecurityIdentity identity;
    private final ContactIdentities keys;
    private final ProjectAccess access;
    private final ProjectResolver projects;

    public ContactResource(ContactService contacts, ContactApiMapper mapper, SecurityIdentity identity, ContactIdentities keys,
                           ProjectAccess access, ProjectResolver projects) {
        this.keys = keys;
        this.access = access;
        this.projects = projects;
        this.contacts = contacts;
        this.mapper = mapper;
        this.identity = identity;
    }

    @GET
    @Path("/{phone}")
    @RolesAllowed({"admin", "operator", "viewer"})
    public ContactView get(@PathParam("phone") String rawPhone) {
        String phone = keys.keyOf(Phones.e164(rawPhone));
        return contacts.find(phone).filter(c -> visible(c.project(), phone))
                .map(c -> mapper.toView(c, inScope(contacts.consent(phone)), keys.addressesOf(phone)))
                .orElseThrow(() -> ProblemException.notFound("contact", rawPhone));
    }

    @PUT
    @Path("/{phone}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator"})
    public ContactView put(@PathParam("phone") String rawPhone, ContactUpdate body) {
        String phone = keys.keyOf(Phones.e164(rawPhone));
        if (body == null) {
            throw ProblemException.validation("a body is required", List.of());
        }
        access.require(body.project() == null ? projects.defaultProject() : body.project());
        if (body.project() != null && !ProjectResolver.validName(body.project())) {
            throw ProblemException.validation("the project name is not valid",
                    List.of(new Problem.FieldError("project", "invalid", "letters, digits, '_', '.', '-'; at most 64")));
        }
        return contacts.save(phone, mapper.toDomain(body)).map(c -> mapper.toView(c, inScope(contacts.consent(phone))))
                .orElseThrow(ContactResource::erased);
    }

    @GET
    @Path("/{phone}/consent")
    @RolesAllowed({"admin", "operator", "viewer"})
    public ConsentHistoryView history(@PathParam("phone") String rawPhone) {
        String phone = keys.keyOf(Phones.e164(rawPhone));
        var history = contacts.history(phone).stream().filter(e -> access.scope().allows(e.project())).toList();
        var current = inScope(contacts.consent(phone));
        boolean known = contacts.find(phone).filter(c -> access.scope().allows(c.project())).isPresent();
        if (history.isEmpty() && current.isEmpty() && !known) {
            throw ProblemException.notFound("contact", rawPhone);
        }
        return new ConsentHistoryView(phone, mapper.consentView(current), mapper.toView(history));
    }

    @POST
    @Path("/{phone}/consent")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "operator"})
    public ConsentChangeResponse change(@PathParam("phone") String rawPhone, ConsentChangeRequest body) {
        String phone = keys.keyOf(Phones.e164(rawPhone));
        access.require(body == null || body.project() == null ? projects.defaultProject() : body.project());
        List<Problem.FieldError> errors = new ArrayList<>();
        ConsentState state = parseState(body, errors);
        Map<Category, ConsentState> requested = new EnumMap<>(Category.class);
        List<String> categories = body == null || body.categories() == null || body.categories().isEmpty()
                ? java.util.Arrays.stream(Category.values()).map(Enum::name).toList() : body.categories();
        for (int i = 0; i < categories.size(); i++) {
            try {
                requested.put(Category.valueOf(categories.get(i).toUpperCase(Locale.ROOT)), state);
            } catch (IllegalArgumentException | NullPointerException e) {
                errors.add(new Problem.FieldError("categories[" + i + "]", "invalid", "MARKETING, UTILITY or AUTHENTICATION"));
            }
        }
        Evidence evidence = parseEvidence(body, state, errors);
        String project = body == null ? null : body.project();
        if (project != null && !ProjectResolver.validName(project)) {
            errors.add(new Problem.FieldError("project", "invalid", "letters, digits, '_', '.', '-'; at most 64"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation("the consent change is not valid; nothing was changed", errors);
        }
        String actor = identity.getPrincipal().getName();
        ConsentService.Result result = contacts.changeConsent(phone, project, requested, evidence, actor);
        if (result.suppressed()) {
            throw erased();
        }
        Map<String, String> decisions = new LinkedHashMap<>();
        result.decisions().forEach((c, d) -> decisions.put(c.name(), d.name()));
        if (result.rejected()) {
            boolean stale = result.decisions().containsValue(ConsentRules.Decision.REJECTED_STALE_EVIDENCE);
            throw new ProblemException(Problem.of(409, stale ? "stale-evidence" : "consent-refused", "Consent not changed",
                    stale ? "the contact opted out after the given evidence; an opt-in needs evidence newer than the opt-out"
                            : "this source cannot make this change: " + decisions));
        }
        var current = inScope(contacts.consent(phone));
        return new ConsentChangeResponse(phone, project, result.changed(), result.version(), decisions, mapper.consentView(current));
    }

    @GET
    @Path("/{phone}/export")
    @RolesAllowed({"admin", "operator", "viewer"})
    public ExportView export(@PathParam("phone") String rawPhone) {
        String phone = keys.keyOf(Phones.e164(rawPhone));
        ContactService.Export e = contacts.export(phone);
        if (!access.scope().all()) {
            var history = e.history().stream().filter(entry -> access.scope().allows(entry.project())).toList();
            var consent = inScope(e.consent());
            var contact = e.contact().filter(c -> access.scope().allows(c.project()));
            if (history.isEmpty() && consent.isEmpty() && contact.isEmpty()) {
                throw ProblemException.notFound("contact", rawPhone);
            }
            return mapper.toView(phone, contact, consent, history, e.erasedAt(), e.exportedAt());
        }
        return mapper.toView(phone, e.contact(), e.consent(), e.history(), e.erasedAt(), e.exportedAt());
    }

    @DELETE
    @Path("/{phone}")
    @RolesAllowed({"admin", "operator"})
    public Response erase(@PathParam("phone") String rawPhone) {
        if (!access.scope().all()) {
            throw new ProblemException(Problem.of(403, "project-forbidden", "Erasure needs every project",
                    "erasing a person removes them from every project; this token is limited to " + access.scope().projects()
                            + "; nothing was done"));
        }
        contacts.erase(keys.keyOf(Phones.e164(rawPhone)), identity.getPrincipal().getName());
        return Response.noContent().build();
    }

    /** The consent of the projects this token may see. */
    private Map<String, Map<Category, ConsentState>> inScope(Map<String, Map<Category, ConsentState>> consent) {
        if (access.scope().all()) {
            return consent;
        }
        Map<String, Map<Category, ConsentState>> visible = new LinkedHashMap<>();
        consent.forEach((project, states) -> {
            if (access.scope().allows(project)) {
                visible.put(project, states);
            }
        });
        return visible;
    }

    /** True when the token may see this person: every project, the creating project, or one holding their consent. */
    private boolean visible(String creatingProject, String phone) {
        return access.scope().all() || access.scope().allows(creatingProject) || !inScope(contacts.consent(phone)).isEmpty()
                || contacts.history(phone).stream().anyMatch(e -> access.scope().allows(e.project()));
    }

    private static ConsentState parseState(ConsentChangeRequest body, List<Problem.FieldError> errors) {
        if (body == null || body.state() == null) {
            errors.add(new Problem.FieldError("state", "required", "OPTED_IN (grant) or OPTED_OUT (revoke)"));
            return ConsentState.OPTED_OUT;
        }
        return switch (body.state().toUpperCase(Locale.ROOT)) {
            case "OPTED_IN", "GRANT" -> ConsentState.OPTED_IN;
            case "OPTED_OUT", "REVOKE" -> ConsentState.OPTED_OUT;
            default -> {
                errors.add(new Problem.FieldError("state", "invalid", "OPTED_IN (grant) or OPTED_OUT (revoke)"));
                yield ConsentState.OPTED_OUT;
            }
        };
    }

    private static Evidence parseEvidence(ConsentChangeRequest body, ConsentState state, List<Problem.FieldError> errors) {
        EvidenceBody e = body == null ? null : body.evidence();
        if (e == null) {
            errors.add(new Problem.FieldError("evidence", "required", "every consent change carries evidence: source, at, proof"));
            return null;
        }
        ConsentSource source = ConsentSource.API;
        if (e.source() != null) {
            try {
                source = ConsentSource.valueOf(e.source().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                errors.add(new Problem.FieldError("evidence.source", "invalid", "one of " + java.util.Arrays.toString(ConsentSource.values())));
            }
        }
        if (state == ConsentState.OPTED_IN && !source.canGrant()) {
            errors.add(new Problem.FieldError("evidence.source", "cannot_grant", source + " cannot grant consent"));
        }
        if (state == ConsentState.OPTED_OUT && !source.canRevoke()) {
            errors.add(new Problem.FieldError("evidence.source", "cannot_revoke", source + " cannot revoke consent"));
        }
        if (state == ConsentState.OPTED_IN && (e.proof() == null || e.proof().isBlank())) {
            errors.add(new Problem.FieldError("evidence.proof", "required", "an opt-in needs proof (form id, IP, document …)"));
        }
        Instant at = e.at() == null ? Instant.now() : e.at();
        if (at.isAfter(Instant.now().plusSeconds(300))) {
            errors.add(new Problem.FieldError("evidence.at", "future", "evidence cannot come from the future"));
        }
        return errors.isEmpty() ? new Evidence(source, at, e.proof()) : null;
    }

    private static ProblemException erased() {
        return new ProblemException(Problem.of(409, "erased-number", "Number erased",
                "this number was erased on request; it comes back only with an opt-in carrying new evidence (POST …/consent)"));
    }
}
