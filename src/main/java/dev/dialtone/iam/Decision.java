package dev.dialtone.iam;

/** The outcome of evaluating a policy, as IAM names them: an explicit deny wins, and nothing allowed is denied. */
public enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }
