package dev.safesend.consent.domain;

/**
 * A message recognised as a consent keyword.
 *
 * @param language the language whose word matched (its confirmation is sent), or null for a project word or payload
 */
public record KeywordMatch(KeywordIntent intent, String language, String keyword) {
}
