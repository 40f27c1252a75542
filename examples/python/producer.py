#!/usr/bin/env python3
"""A producer in Python, written from docs/fleet.md ("Wire contract") alone: pika (Debian's python3-pika) and a
socket for Redis. Against a running fleet whose code base is this repository's examples/ folder:

    export $(scripts/services.sh env)
    IsolatedRuntime__CodeBase=$PWD/examples dotnet run --project src/Worker &
    python3 examples/python/producer.py

It shows the four ways to use the fleet from any language, and prints one line per result:

    rpc: 5                      the RabbitMQ RPC idiom: a bare JSON request, AMQP reply_to = a server-named queue
    reply: 5                    MassTransit's envelope with a responseAddress naming that queue
    event: 42                   a request without reply address; its outcome arrives on the outcome exchange
    fault: FunctionNotFound     the same for a fault, on the RunFaulted exchange
    stored: 42 (fromCache false) the outcome read from Redis by correlation id
    batch: [3, 7]               one request, one code load, one outcome per argument list (argsBatch)
    cancel: Canceled            a CancelRun published first: the request with that id is answered without running
    tenant: 5                   a request of tenant "acme", routed by tenant (its own queue when the workers list it)

Settings come from the environment: ConnectionStrings__RabbitMq (amqp://user:pass@host:port/vhost),
ConnectionStrings__Redis (host:port[,password=...]), ISOLATED_RUNTIME_QUEUE (the workers' queue, default
isolated-runtime) and ISOLATED_RUNTIME_KEY_PREFIX (the workers' Redis key prefix, default isolated-runtime:).
"""
import json
import os
import socket
import sys
import time
import urllib.parse
import uuid

import pika

QUEUE = os.environ.get("ISOLATED_RUNTIME_QUEUE", "isolated-runtime")
KEY_PREFIX = os.environ.get("ISOLATED_RUNTIME_KEY_PREFIX", "isolated-runtime:")
COMPLETED_EXCHANGE = "IsolatedRuntime.Contracts:RunCompleted"  # durable fanout, declared by every worker at start
FAULTED_EXCHANGE = "IsolatedRuntime.Contracts:RunFaulted"
CANCEL_EXCHANGE = "IsolatedRuntime.Contracts:CancelRun"  # fanout; every worker binds a queue of its own
ENVELOPE = "application/vnd.masstransit+json"
WAIT_SECONDS = 30


def run_requested(correlation_id, func_name, args):
    """The RunRequested message: camelCase fields, args as real JSON."""
    return {"correlationId": str(correlation_id), "root": "hello", "file": "index.js",
            "funcName": func_name, "args": args, "timeoutMs": 1000}


def response_address(amqp_url, queue):
    """rabbitmq://host:port/vhost/queue; the default vhost "/" is left out (rabbitmq://host:port/queue)."""
    url = urllib.parse.urlparse(amqp_url)
    vhost = urllib.parse.unquote(url.path[1:]) if len(url.path) > 1 else "/"
    path = queue if vhost == "/" else f"{urllib.parse.quote(vhost, safe='')}/{queue}"
    return f"rabbitmq://{url.hostname}:{url.port or 5672}/{path}"


def wait_for(channel, queue, accept):
    """The body (as JSON) of the first message in queue that accept() takes, or an exception after WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        method, properties, body = channel.basic_get(queue, auto_ack=True)
        if method is None:
            time.sleep(0.05)
            continue
        document = json.loads(body)
        if accept(properties, document):
            return document
    raise TimeoutError(f"nothing arrived in {queue} within {WAIT_SECONDS} s")


def rpc(channel, reply_queue, request=None):
    """A bare JSON request (content type application/json) with the reply queue in the AMQP reply_to property."""
    request = request or run_requested(uuid.uuid4(), "add", [2, 3])
    correlation_id = request["correlationId"]
    channel.basic_publish("", QUEUE, json.dumps(request),
                          pika.BasicProperties(content_type="application/json", reply_to=reply_queue,
                                               correlation_id=correlation_id,
                                               # the send time a bare body's maxQueueAgeMs is counted from
                                               timestamp=int(time.time())))
    answer = wait_for(channel, reply_queue, lambda properties, _: properties.correlation_id == correlation_id)
    return answer["message"]


def tenant_request(connection, channel, reply_queue, tenant):
    """A request naming its tenant, sent to the tenants' direct exchange with the tenant as routing key: a tenant the
    workers list has a queue of its own there; any other goes on, by the exchange's alternate exchange, to the shared
    work queue. The exchange is declared exactly as the workers declare it (a declare that differs is refused), and
    the publish is mandatory and confirmed, so a request that reaches no queue fails here instead of vanishing."""
    confirmed = connection.channel()
    confirmed.confirm_delivery()
    confirmed.exchange_declare(f"{QUEUE}.tenants", exchange_type="direct", durable=True,
                               arguments={"alternate-exchange": QUEUE})
    request = dict(run_requested(uuid.uuid4(), "add", [2, 3]), tenant=tenant)
    confirmed.basic_publish(f"{QUEUE}.tenants", tenant, json.dumps(request),
                            pika.BasicProperties(content_type="application/json", reply_to=reply_queue,
                                                 correlation_id=request["correlationId"], timestamp=int(time.time())),
                            mandatory=True)  # raises pika.exceptions.UnroutableError when no queue took it
    confirmed.close()
    correlation_id = request["correlationId"]
    return wait_for(channel, reply_queue,
                    lambda properties, _: properties.correlation_id == correlation_id)["message"]


def batch(channel, reply_queue):
    """argsBatch instead of args: the answer's items hold one outcome per argument list, in order."""
    request = run_requested(uuid.uuid4(), "add", None)
    del request["args"]
    request["argsBatch"] = [[1, 2], [3, 4]]
    answer = rpc(channel, reply_queue, request)
    if "items" not in answer:  # a RunFaulted: the batch as a whole did not run
        raise RuntimeError(f"the batch was answered {answer.get('kind')}: {answer.get('message')}")
    return [item["result"] for item in answer["items"]]


def cancel_then_request(channel, reply_queue, redis):
    """CancelRun is published to its exchange; once the workers have stored the Canceled outcome, a request with
    that id is answered Canceled without running."""
    correlation_id = uuid.uuid4()
    envelope = {
        "messageId": str(uuid.uuid4()),
        "messageType": ["urn:message:IsolatedRuntime.Contracts:CancelRun"],
        "message": {"correlationId": str(correlation_id)},
    }
    channel.basic_publish(CANCEL_EXCHANGE, "", json.dumps(envelope), pika.BasicProperties(content_type=ENVELOPE))
    stored_outcome(redis, correlation_id)
    return rpc(channel, reply_queue, run_requested(correlation_id, "add", [2, 3]))["kind"]


def envelope_request(channel, amqp_url, reply_queue):
    """MassTransit's envelope: requestId and responseAddress beside the message."""
    correlation_id, request_id = uuid.uuid4(), uuid.uuid4()
    envelope = {
        "messageId": str(uuid.uuid4()),
        "requestId": str(request_id),
        "responseAddress": response_address(amqp_url, reply_queue),
        "messageType": ["urn:message:IsolatedRuntime.Contracts:RunRequested"],
        "message": run_requested(correlation_id, "add", [2, 3]),
    }
    channel.basic_publish("", QUEUE, json.dumps(envelope), pika.BasicProperties(content_type=ENVELOPE))
    answer = wait_for(channel, reply_queue, lambda _, document: document.get("requestId") == str(request_id))
    return answer["message"]["result"]


def publish_and_subscribe(channel, func_name, args):
    """A request without reply address; its outcome is published. The queue is bound before the request is sent."""
    events = channel.queue_declare("", exclusive=True).method.queue
    for exchange in (COMPLETED_EXCHANGE, FAULTED_EXCHANGE):
        channel.queue_bind(events, exchange)
    correlation_id = uuid.uuid4()
    channel.basic_publish("", QUEUE, json.dumps(run_requested(correlation_id, func_name, args)),
                          pika.BasicProperties(content_type="application/json"))
    event = wait_for(channel, events, lambda _, document: document["message"]["correlationId"] == str(correlation_id))
    return correlation_id, event["message"]


class Redis:
    """Just enough RESP over a socket for AUTH and GET: the outcome is one string key."""

    def __init__(self, configuration):
        parts = configuration.split(",")
        host, _, port = parts[0].rpartition(":")
        self._socket = socket.create_connection((host, int(port)), timeout=10)
        self._reader = self._socket.makefile("rb")
        options = dict(part.split("=", 1) for part in parts[1:] if "=" in part)
        if options.get("password"):
            self.command("AUTH", options["password"])

    def command(self, *arguments):
        encoded = [str(argument).encode() for argument in arguments]
        self._socket.sendall(b"*%d\r\n" % len(encoded) + b"".join(b"$%d\r\n%s\r\n" % (len(a), a) for a in encoded))
        line = self._reader.readline().rstrip(b"\r\n")
        if line[:1] == b"-":
            raise RuntimeError(line[1:].decode())
        if line[:1] == b"$":
            length = int(line[1:])
            return None if length < 0 else self._reader.read(length + 2)[:-2]
        return line[1:]


def stored_outcome(redis, correlation_id):
    """The key is the prefix, "result:" and the id as 32 lowercase hex digits without dashes (uuid.hex) in braces."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        value = redis.command("GET", f"{KEY_PREFIX}result:{{{correlation_id.hex}}}")
        if value is not None:
            return json.loads(value)["reply"]
        time.sleep(0.05)
    raise TimeoutError(f"no stored outcome for {correlation_id} within {WAIT_SECONDS} s")


def main():
    amqp_url = os.environ["ConnectionStrings__RabbitMq"]
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    channel = connection.channel()
    reply_queue = channel.queue_declare("", exclusive=True).method.queue  # server-named: amq.gen-...

    print(f"rpc: {rpc(channel, reply_queue)['result']}", flush=True)
    print(f"reply: {envelope_request(channel, amqp_url, reply_queue)}", flush=True)
    correlation_id, completed = publish_and_subscribe(channel, "add", [40, 2])
    print(f"event: {completed['result']}", flush=True)
    _, faulted = publish_and_subscribe(channel, "noSuchFunction", [])
    print(f"fault: {faulted['kind']}", flush=True)

    redis = Redis(os.environ["ConnectionStrings__Redis"])
    stored = stored_outcome(redis, correlation_id)
    print(f"stored: {stored['completed']['result']} (fromCache {str(stored['fromCache']).lower()})", flush=True)
    print(f"batch: {batch(channel, reply_queue)}", flush=True)
    print(f"cancel: {cancel_then_request(channel, reply_queue, redis)}", flush=True)
    print(f"tenant: {tenant_request(connection, channel, reply_queue, 'acme')['result']}", flush=True)
    connection.close()


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # one line on stderr and a non-zero exit, as a CLI tool would
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
