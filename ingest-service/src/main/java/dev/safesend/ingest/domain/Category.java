package dev.safesend.ingest.domain;

/** Meta's message category; SERVICE is a free-form reply inside the 24 h customer window. */
public enum Category {
    MARKETING, UTILITY, AUTHENTICATION, SERVICE
}
