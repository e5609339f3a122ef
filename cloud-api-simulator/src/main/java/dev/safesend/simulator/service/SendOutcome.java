package dev.safesend.simulator.service;

import dev.safesend.simulator.domain.Recipient;
import dev.safesend.simulator.domain.Rejection;

/** The answer to one send: accepted with a wamid, or a Meta error. */
public sealed interface SendOutcome permits SendOutcome.Accepted, SendOutcome.Refused {

    record Accepted(String wamid, Recipient recipient, boolean template) implements SendOutcome {
    }

    record Refused(Rejection rejection) implements SendOutcome {
    }
}
