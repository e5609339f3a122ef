package dev.safesend.healthmonitor.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A template's last status and quality from Meta. */
@Entity
@Table(name = "template_state")
public class TemplateStateEntity extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "waba_id")
    public String wabaId;
    public String name;
    public String language;
    public String status;
    public String quality;
    @Column(name = "changed_at")
    public Instant changedAt;

    public static String idOf(String wabaId, String name, String language) {
        return wabaId + "/" + name + "/" + language;
    }
}
