package dev.safesend.healthmonitor.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** The sender aggregate as stored: identity, Meta's facts about the number, the decision and its memory. */
@Entity
@Table(name = "sender_health")
public class SenderHealthEntity extends PanacheEntityBase {

    @Id
    @Column(name = "sender_id")
    public String senderId;
    @Column(name = "portfolio_id")
    public String portfolioId;
    @Column(name = "waba_id")
    public String wabaId;
    @Column(name = "display_number")
    public String displayNumber;
    /** The project the number belongs to (dispatch's registry); null until the registry was read. */
    public String project;
    public String state;
    public double factor;
    /** comma-separated */
    public String reasons;
    public String why;
    public Instant until;
    @Column(name = "clear_since")
    public Instant clearSince;
    @Column(name = "hold_until")
    public Instant holdUntil;
    @Column(name = "changed_at")
    public Instant changedAt;
    public Double score;
    public String quality;
    public String tier;
    @Column(name = "restricted_until")
    public Instant restrictedUntil;
    @Column(name = "last_spam_limit")
    public Instant lastSpamLimit;
    @Column(name = "last_account_block")
    public Instant lastAccountBlock;
    @Column(name = "account_block_code")
    public String accountBlockCode;
    public boolean disabled;
    @Column(name = "manual_pause")
    public String manualPause;
    /** the signature of the last record published (state, factor, reasons, holds, tier, quality, score step) */
    public String published;
    @Version
    public long version;

    /** {@link #reasons} as a list (stored comma-separated; none is the empty string). */
    public java.util.List<String> reasonList() {
        return reasons == null || reasons.isEmpty() ? java.util.List.of() : java.util.Arrays.asList(reasons.split(","));
    }
}
