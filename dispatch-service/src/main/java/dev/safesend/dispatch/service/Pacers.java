package dev.safesend.dispatch.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Every sender this instance paces, by senderId. */
@ApplicationScoped
public class Pacers implements LiveSenderStats {

    @Override
    public Optional<Live> live(String senderId) {
        return Optional.empty();
    }
}
