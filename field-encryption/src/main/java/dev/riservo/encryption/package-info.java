/**
 * Field-level encryption, blind indexes and crypto-shredding for personal data (DESIGN.md,
 * "Personal data and keys"). Empty until its own issue fills it; no service may store personal data
 * before then.
 */
package dev.riservo.encryption;
