package dev.safesend.healthmonitor.domain;

/** The body a webhook target receives: Alertmanager's {@code POST /api/v2/alerts} array, or a Slack incoming-webhook message. */
public enum AlertFormat {
    ALERTMANAGER, SLACK
}
