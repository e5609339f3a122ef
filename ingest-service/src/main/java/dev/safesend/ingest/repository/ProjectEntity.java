package dev.safesend.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A project row (ingest.project), mapped by ProjectRepository. */
@Entity
@Table(name = "project")
public class ProjectEntity extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "display_name")
    public String displayName;
    public String owners;
    @Column(name = "messages_per_day")
    public Long messagesPerDay;
    @Column(name = "messages_per_month")
    public Long messagesPerMonth;
    @Column(name = "default_pool")
    public String defaultPool;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;
}
