package dev.safesend.consent.service;

import dev.safesend.consent.config.ConsentConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which project a business number belongs to (safesend.consent.projects.&lt;p&gt;.sender-ids), and project name rules. */
@ApplicationScoped
public class ProjectResolver {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Map<String, String> projectBySender = new HashMap<>();
    private final String defaultProject;

    public ProjectResolver(ConsentConfig config) {
        config.projects().forEach((project, p) -> p.senderIds().ifPresent(ids -> ids.forEach(id -> projectBySender.put(id, project))));
        this.defaultProject = config.defaultProject();
    }

    /** The project of a sender id (or WABA id), if configured. */
    public Optional<String> ofSender(String senderId) {
        return Optional.ofNullable(senderId == null ? null : projectBySender.get(senderId));
    }

    public String defaultProject() {
        return defaultProject;
    }

    public static boolean validName(String project) {
        return project != null && NAME.matcher(project).matches();
    }
}
