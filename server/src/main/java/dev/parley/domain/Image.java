package dev.parley.domain;

/** An image attached to a message; the url is one that this server's upload endpoint returned. */
public record Image(String url, String name, Integer width, Integer height) {}
