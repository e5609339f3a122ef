package dev.safesend.dispatch.service;

import dev.safesend.dispatch.domain.LivePacing;

import java.util.Optional;

/** What the pacing of one sender looks like right now on this instance (the live half of the quota view). */
public interface LiveSenderStats {

    /** Empty when this instance does not currently pace the sender (no message of it seen since start or reassignment). */
    Optional<LivePacing> live(String senderId);
}
