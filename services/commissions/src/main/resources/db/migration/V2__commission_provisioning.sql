-- Which services have set each commission up. Opening a commission sets it up everywhere; what
-- failed then is retried by the reconciler until every service has answered.
CREATE TABLE commission_provisioning (
    commission_id  text        NOT NULL REFERENCES commission (id),
    service        text        NOT NULL CHECK (service ~ '^[a-z][a-z0-9]{1,15}$'),
    provision_time timestamptz NOT NULL,
    PRIMARY KEY (commission_id, service)
);
