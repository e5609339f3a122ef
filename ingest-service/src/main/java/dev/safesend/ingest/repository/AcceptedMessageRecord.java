package dev.safesend.ingest.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Row of ingest.accepted_message: what was accepted, routed where, and when it expires. */
@Entity
@Table(name = "accepted_message")
public class AcceptedMessageRecord {
    @Id
    @Column(name = "message_id")
    public String messageId;
    public String project;
    public String recipient;
    @Column(name = "sender_id")
    public String senderId;
    public String category;
    public String lane;
    @Column(name = "campaign_id")
    public String campaignId;
    @Column(name = "client_reference")
    public String clientReference;
    @Column(name = "accepted_at")
    public Instant acceptedAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
}
