package org.chorus.launcher;

/** The two ports of one service: HTTP (actuator) and gRPC. */
public record ServicePorts(int http, int grpc) {
}
