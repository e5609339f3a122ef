package dev.safesend.simulator.rest;

import dev.safesend.simulator.domain.WhatsAppUser;

import java.util.List;
import java.util.Map;

/**
 * A simulated user: {@code phone} in E.164, the BSUID per WABA ({@code userIds}) and in the default
 * WABA ({@code userId}), the optional {@code username} and {@code name}, the WABAs whose contact book
 * holds the phone and those the user stopped marketing messages from.
 */
public record UserProfileBody(String phone, Map<String, String> userIds, String userId, String username, String name,
                              List<String> contactBooks, List<String> marketingStopped) {

    static UserProfileBody of(WhatsAppUser user, String defaultWabaId) {
        return new UserProfileBody("+" + user.phone(), user.userIds(), user.userId(defaultWabaId), user.username(),
                user.name(), user.contactBooks().stream().sorted().toList(),
                user.marketingStopped().stream().sorted().toList());
    }
}
