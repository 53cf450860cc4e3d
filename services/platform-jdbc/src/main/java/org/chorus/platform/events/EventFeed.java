package org.chorus.platform.events;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.chorus.identity.Caller;
import org.chorus.platform.errors.ChorusException;
import org.chorus.platform.names.CommissionId;
import org.chorus.platform.protos.ProtoTime;
import org.chorus.platform.tenancy.CommissionTransactions;
import org.chorus.platform.v1.Event;

/**
 * A service's event feed: reads a commission's outbox from a cursor and streams it as
 * {@code chorus.platform.v1.Event}s, batch by batch, then ends; the reader calls again with its
 * last sequence to follow the feed. Ending rather than holding the call open keeps a reader's
 * cursor the only state, and works through every proxy and deadline. Each service's
 * {@code WatchEvents} method is one line that calls {@link #watch}.
 */
public final class EventFeed {

    /** Events read per transaction while streaming: keeps each read short and memory small. */
    public static final int BATCH = 200;

    private static final JsonFormat.Parser JSON = JsonFormat.parser().ignoringUnknownFields();

    private final EventOutbox outbox;
    private final CommissionTransactions transactions;
    private final String collection;
    private final Supplier<Map<String, Descriptor>> payloadTypes;

    /**
     * @param collection   the feed's collection id in event names: {@code events} gives
     *                     {@code commissions/leeds/events/12}
     * @param payloadTypes the contract's messages by full name, to type each stored payload; asked
     *                     for once, on the first read, so a service does not pay for it at start-up
     */
    public EventFeed(EventOutbox outbox, CommissionTransactions transactions, String collection,
                     Supplier<Map<String, Descriptor>> payloadTypes) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.collection = collection;
        this.payloadTypes = new Supplier<>() {
            private volatile Map<String, Descriptor> types;

            @Override
            public Map<String, Descriptor> get() {
                if (types == null) {
                    types = Map.copyOf(payloadTypes.get());
                }
                return types;
            }
        };
    }

    /**
     * Streams the events after {@code afterSequence} that exist when it reads, then ends the call.
     *
     * @param shape turns each event into the message the method returns ({@code Function.identity()}
     *              for {@code chorus.platform.v1.Event})
     * @throws ChorusException INVALID_ARGUMENT when {@code afterSequence} is negative
     */
    public <T> void watch(Caller caller, CommissionId commission, long afterSequence, Function<Event, T> shape,
                          StreamObserver<T> response) {
        if (afterSequence < 0) {
            throw ChorusException.invalid("INVALID_CURSOR", "after_sequence",
                    "The sequence to start after must be 0 or more. Use 0 to start from the first event.");
        }
        var call = (ServerCallStreamObserver<T>) response;
        long after = afterSequence;
        List<StoredEvent> batch;
        do {
            long from = after;
            batch = transactions.inCommission(caller, commission.value(), () -> outbox.after(from, BATCH));
            for (StoredEvent event : batch) {
                if (call.isCancelled()) {
                    return;
                }
                response.onNext(shape.apply(toProto(commission, event)));
                after = event.sequence();
            }
        } while (batch.size() == BATCH);
        response.onCompleted();
    }

    /** The payload as its typed message (a {@link DynamicMessage} of the contract's descriptor). */
    public Message payload(Any payload) {
        Descriptor type = type(payload.getTypeUrl().substring(payload.getTypeUrl().lastIndexOf('/') + 1));
        try {
            return DynamicMessage.parseFrom(type, payload.getValue());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("A stored event payload does not match its type " + type.getFullName(), e);
        }
    }

    private Event toProto(CommissionId commission, StoredEvent event) {
        DynamicMessage.Builder payload = DynamicMessage.newBuilder(type(event.payloadType()));
        try {
            JSON.merge(event.payloadJson(), payload);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("An outbox payload does not match its type: event " + event.sequence(), e);
        }
        return Event.newBuilder()
                .setName(commission.resourceName() + "/" + collection + "/" + event.sequence())
                .setSequence(event.sequence())
                .setType(event.type())
                .setResource(event.resourceName())
                .setEventTime(ProtoTime.timestamp(event.time()))
                .setActor(event.actor())
                .setPayload(Any.pack(payload.build()))
                .build();
    }

    private Descriptor type(String fullName) {
        Descriptor type = payloadTypes.get().get(fullName);
        if (type == null) {
            throw new IllegalStateException("An event payload names a type the contract does not declare: " + fullName);
        }
        return type;
    }
}
