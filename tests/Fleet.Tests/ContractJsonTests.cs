using System.Text.Json;
using IsolatedRuntime.Contracts;
using MassTransit.Serialization;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>The messages on the wire: camelCase, JSON values as real JSON, the error kind as its name.</summary>
public sealed class ContractJsonTests
{
    private static readonly JsonSerializerOptions _wire = SystemTextJsonMessageSerializer.Options;

    [Fact]
    public void RunRequested_is_camelCase_with_args_and_context_as_real_JSON()
    {
        var json = JsonSerializer.SerializeToElement(new RunRequested
        {
            CorrelationId = Guid.Parse("0d9f1c3e-5b7a-4c2e-9f10-3a8b6c4d2e11"),
            Root = "hello",
            File = "index.js",
            FuncName = "add",
            Args = JsonSerializer.SerializeToElement(new object[] { 2, new { a = 1 } }),
            Context = JsonSerializer.SerializeToElement(new { greeting = "Hi" }),
            WhitelistedPaths = ["shared"],
            TimeoutMs = 1000,
        }, _wire);

        Assert.Equal("0d9f1c3e-5b7a-4c2e-9f10-3a8b6c4d2e11", json.GetProperty("correlationId").GetString());
        Assert.Equal("add", json.GetProperty("funcName").GetString());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("args").ValueKind);
        Assert.Equal(1, json.GetProperty("args")[1].GetProperty("a").GetInt32());
        Assert.Equal("Hi", json.GetProperty("context").GetProperty("greeting").GetString());
        Assert.Equal("shared", json.GetProperty("whitelistedPaths")[0].GetString());
        Assert.Equal(1000, json.GetProperty("timeoutMs").GetInt32());
    }

    [Fact]
    public void RunFaulted_carries_its_kind_as_a_string()
    {
        var json = JsonSerializer.SerializeToElement(new RunFaulted
        {
            CorrelationId = Guid.NewGuid(),
            Kind = RunErrorKind.MemoryLimit,
            ErrorName = "RangeError",
            Message = "over budget",
            Logs = [new ConsoleEntry("log", "hi")],
        }, _wire);

        Assert.Equal("MemoryLimit", json.GetProperty("kind").GetString());
        Assert.Equal("RangeError", json.GetProperty("errorName").GetString());
        Assert.Equal("log", json.GetProperty("logs")[0].GetProperty("level").GetString());
        Assert.False(json.GetProperty("fromCache").GetBoolean());
    }

    [Fact]
    public void RunCompleted_carries_its_result_as_real_JSON_and_round_trips()
    {
        var sent = new RunCompleted
        {
            CorrelationId = Guid.NewGuid(),
            Result = JsonSerializer.SerializeToElement(new { total = 5, items = new[] { "a" } }),
            DurationMs = 1.5,
            WorkerId = "w1",
            FromCache = true,
        };

        var json = JsonSerializer.SerializeToElement(sent, _wire);
        var received = json.Deserialize<RunCompleted>(_wire)!;

        Assert.Equal(5, json.GetProperty("result").GetProperty("total").GetInt32());
        Assert.Equal("w1", json.GetProperty("workerId").GetString());
        Assert.True(JsonElement.DeepEquals(sent.Result!.Value, received.Result!.Value));
        Assert.True(received.FromCache);
    }

    [Fact]
    public void A_producer_may_send_the_kind_by_name_in_any_case()
    {
        var fault = JsonSerializer.Deserialize<RunFaulted>("""{"kind":"timeout","message":"m"}""", _wire)!;

        Assert.Equal(RunErrorKind.Timeout, fault.Kind);
    }
}
