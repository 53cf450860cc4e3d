#!/usr/bin/env bash
# Health check for docker-compose.yml: succeeds when GET http://127.0.0.1:PORT/PATH answers 200.
#   bash /probe/http-ready.sh PORT PATH
# Pure bash (its /dev/tcp and builtins), so it runs in every image the stack uses: the Jib images on
# eclipse-temurin:21-jre (Ubuntu, where bash is an essential package but /bin/sh is dash) and
# Keycloak's (UBI micro, which carries bash for kc.sh). No curl, wget or JDK tools needed.
set -u
port="$1" path="$2"
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 2 status <&3 || exit 1
[[ "$status" == *" 200 "* ]]
