package dev.safesend.ingest.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A campaign row (ingest.campaign); the definition is kept as JSON, mapped by CampaignStore. */
@Entity
@Table(name = "campaign")
public class CampaignEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    public String project;
    public String category;
    public short priority;
    public String state;
    @Column(columnDefinition = "text")
    public String definition;
    @Column(name = "pause_reason")
    public String pauseReason;
    @Column(name = "paused_by")
    public String pausedBy;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "audience_cursor")
    public String audienceCursor;
    @Column(name = "audience_done")
    public boolean audienceDone;
    public long recipients;
    @Version
    public long version;
}
