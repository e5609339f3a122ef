package dev.safesend.healthmonitor.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One change of a sender's decision. */
@Entity
@Table(name = "sender_health_history")
public class SenderHealthHistoryEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "sender_id")
    public String senderId;
    @Column(name = "portfolio_id")
    public String portfolioId;
    public Instant at;
    @Column(name = "from_state")
    public String fromState;
    @Column(name = "to_state")
    public String toState;
    public double factor;
    public Double score;
    public String reasons;
    public String actor;
    public String why;
}
