-- One database per service, one for the gateway's rate limits, and one for Keycloak (docker-compose runs this once, on first start).
CREATE DATABASE commissions;
CREATE DATABASE membership;
CREATE DATABASE payments;
CREATE DATABASE reporting;
CREATE DATABASE gateway;   -- the gateway's shared rate-limit counts
CREATE DATABASE keycloak;
