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

    public List<SenderHealthEntity> senders(String afterId, int limit) {
        return SenderHealthEntity.find("senderId > ?1", Sort.by("senderId"), afterId == null ? "" : afterId)
                .page(Page.ofSize(limit)).list();
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
