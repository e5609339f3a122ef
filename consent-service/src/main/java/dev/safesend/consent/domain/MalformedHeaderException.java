package dev.safesend.consent.domain;

import java.util.List;

/** An import file whose header cannot be understood: nothing of it is imported. */
public class MalformedHeaderException extends RuntimeException {

    private final List<String> problems;

    public MalformedHeaderException(List<String> problems) {
        super("the header cannot be used: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
