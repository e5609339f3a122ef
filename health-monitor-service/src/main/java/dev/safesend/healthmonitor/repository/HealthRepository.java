package dev.safesend.healthmonitor.repository;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The sender aggregate, its history and template states (Panache). */
@ApplicationScoped
public class HealthRepository {

    public SenderHealthEntity sender(String senderId) {
        return SenderHealthEntity.findById(senderId);
    }

    public List<SenderHealthEntity> senders() {
        return SenderHealthEntity.listAll(Sort.by("senderId"));
    }

    /** A page of senders after {@code afterId}; only those of {@code projects} unless it is null (every project). */
    public List<SenderHealthEntity> senders(String afterId, int limit, List<String> projects) {
        String after = afterId == null ? "" : afterId;
        var query = projects == null ? SenderHealthEntity.find("senderId > ?1", Sort.by("senderId"), after)
                : SenderHealthEntity.find("senderId > ?1 and project in ?2", Sort.by("senderId"), after, projects);
        return query.page(Page.ofSize(limit)).list();
    }

    /** The projects of the numbers on the WABAs that hold template {@code name}/{@code language}. */
    public List<String> templateProjects(String name, String language) {
        List<String> wabas = TemplateStateEntity.<TemplateStateEntity>list("name = ?1 and language = ?2", name, language).stream()
                .map(t -> t.wabaId).distinct().toList();
        return wabas.isEmpty() ? List.of() : SenderHealthEntity.<SenderHealthEntity>list("wabaId in ?1", wabas).stream()
                .map(s -> s.project).distinct().toList();
    }

    public List<SenderHealthHistoryEntity> history(String column, String id, int limit) {
        return SenderHealthHistoryEntity.find(column + " = ?1", Sort.descending("at", "id"), id).page(Page.ofSize(limit)).list();
    }

    public List<TemplateStateEntity> templates(String wabaId) {
        return TemplateStateEntity.list("wabaId", wabaId);
    }

    public TemplateStateEntity template(String wabaId, String name, String language) {
        return TemplateStateEntity.findById(TemplateStateEntity.idOf(wabaId, name, language));
    }
}
