-- Receipts for costs: photos or scans, up to three a claim, each sealed under the member's own key (erasing
-- the member destroys the key, and with it every way to read them). The type was checked against the content.
CREATE TABLE claim_receipt (
    claim_id        uuid     NOT NULL REFERENCES claim (id),
    number          integer  NOT NULL CHECK (number BETWEEN 1 AND 3),
    content_type    text     NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
    size_bytes      integer  NOT NULL CHECK (size_bytes BETWEEN 1 AND 2097152),
    sealed_content  bytea    NOT NULL,
    PRIMARY KEY (claim_id, number)
);
