-- The knowledge base's version per tenant: every change to its entries counts it up in
-- the same batch, so a copy of the knowledge kept in memory is used only while
-- the version it was read at still stands.
ALTER TABLE `tenants` ADD `knowledge_version` integer DEFAULT 0 NOT NULL;