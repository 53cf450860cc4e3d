-- One database per service, and one for Keycloak (docker-compose runs this once, on first start).
CREATE DATABASE commissions;
CREATE DATABASE membership;
CREATE DATABASE payments;
CREATE DATABASE reporting;
CREATE DATABASE keycloak;
