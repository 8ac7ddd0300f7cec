package dev.dialtone.iam;

/** What a matching statement says. */
enum Effect { ALLOW, DENY }
