# shellcheck shell=bash
# Shared by the notice-service load drivers (sourced, not run): tokens and publishing a complete
# Art. 13 notice (phone numbers from Ofcom's drama range). Needs curl and jq; NOTICE_URL and
# KEYCLOAK_URL set by the caller.

# token USER: a staff token of the local realm's demo user USER
token() {
  curl -fsS -d grant_type=password -d client_id=riservo-staff -d "username=$1" -d "password=$1-local" \
    "$KEYCLOAK_URL/realms/riservo/protocol/openid-connect/token" | jq -r .access_token
}

# define_notice DPO_TOKEN KEY: a SUBJECTS notice read by agents, fallback Italian
define_notice() {
  curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d '{"audience":"SUBJECTS","channel":"VERBAL_SCRIPT","fallbackLanguage":"it"}' \
    "$NOTICE_URL/v1/notices/$2"
}

# publish_notice DPO_TOKEN KEY BODY [PUBLICATION_JSON]: drafts a complete notice, publishes it;
# prints the publication's answer (JSON)
publish_notice() {
  local rights='[]' right draft draft_id
  for right in ACCESS RECTIFICATION ERASURE RESTRICTION PORTABILITY OBJECTION; do
    rights="$(jq -c --arg r "$right" '. + [{"right": $r, "how": "Write to the DPO"}]' <<<"$rights")"
  done
  draft="$(jq -n --argjson rights "$rights" --arg body "$3" '{
    language: "it", title: "Informativa di carico", body: $body,
    content: {
      controller: {name: "Riservo Demo S.r.l.", address: "Via Esempio 1, Milano",
                   email: "privacy@example.org", phone: "+44 20 7946 0001"},
      dpo: {name: "DPO", email: "dpo@example.org", phone: "+44 20 7946 0002", address: null},
      purposes: [{id: "telemarketing", description: "Offers by phone", legalBasis: "CONSENT",
                  legitimateInterest: null, retention: {period: "P2Y", criteria: null}}],
      dataCategories: ["contact data"], collection: "On the call, by the agent", sources: null,
      recipients: [{name: "Cloud telephony provider", role: "PROCESSOR", country: "IE",
                    description: "hosting"}],
      transfers: [], automatedDecisions: {used: false, logic: null, significance: null},
      rights: $rights, withdrawConsent: "Say so on any call", obligationToProvide: "Not required",
      complaint: {authority: "Garante per la protezione dei dati personali",
                  contact: "garanteprivacy.it"}}}')"
  draft_id="$(curl -fsS -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d "$draft" "$NOTICE_URL/v1/notices/$2/drafts" | jq -r .id)"
  curl -fsS -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d "${4:-{\}}" "$NOTICE_URL/v1/notices/$2/drafts/$draft_id/publication"
}

# wait_effective PUBLICATION_JSON: sleeps until the published version is in force
wait_effective() {
  local at now
  at="$(date -d "$(jq -r .effectiveFrom <<<"$1")" +%s.%N)"
  now="$(date +%s.%N)"
  sleep "$(awk -v a="$at" -v n="$now" 'BEGIN {d = a - n + 0.2; print (d > 0 ? d : 0)}')"
}
