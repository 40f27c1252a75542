using IsolatedRuntime.Fleet.Baseline;

// The floor under the fleet's figures (docs/benchmarks.md, Fleet): the worker's and the client's MassTransit
// request/response with the same messages and settings, and nothing else: no Redis, no sandbox, no claims.
//   fleet-baseline serve AMQP_URI [QUEUE]                           answers every RunRequested with a fixed RunCompleted
//   fleet-baseline bench AMQP_URI COUNT CONCURRENCY [WARMUP] [QUEUE]  requests with COUNT runs, CONCURRENCY in flight
try
{
    return args switch
    {
        ["serve", var broker, .. var rest] => await BaselineServer.RunAsync(broker, QueueOf(rest, 0)),
        ["bench", var broker, var count, var concurrency, .. var rest]
            when int.TryParse(count, out var runs) && runs > 0 && int.TryParse(concurrency, out var inFlight) && inFlight > 0
                && (rest.Length == 0 || int.TryParse(rest[0], out _)) =>
            await BaselineBench.RunAsync(broker, runs, inFlight, rest.Length > 0 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : 0, QueueOf(rest, 1)),
        _ => Usage(),
    };
}
catch (ArgumentException ex)
{
    // A malformed broker URI: the client's own message says what to fix.
    Console.Error.WriteLine(ex.Message);
    return 2;
}

static string QueueOf(string[] rest, int index) => rest.Length > index ? rest[index] : "baseline-run-requested";

static int Usage()
{
    Console.Error.WriteLine("usage: fleet-baseline serve AMQP_URI [QUEUE] | bench AMQP_URI COUNT CONCURRENCY [WARMUP] [QUEUE]" +
        " (COUNT and CONCURRENCY positive whole numbers)");
    return 2;
}
