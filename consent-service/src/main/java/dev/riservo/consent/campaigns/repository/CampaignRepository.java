package dev.riservo.consent.campaigns.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class CampaignRepository implements PanacheRepositoryBase<CampaignEntity, UUID> {}
