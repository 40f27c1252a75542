using System.Text.Json.Serialization;

namespace IsolatedRuntime.Contracts;

/// <summary>
/// Why a run did not complete. Each limit and each class of bad input has its own kind. Written as its name
/// (<c>"Timeout"</c>) on the wire, so producers in other languages need no table of numbers.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RunErrorKind>))]
public enum RunErrorKind
{
    /// <summary>The request itself is malformed: missing fields, args not an array, a root outside the code base.</summary>
    InvalidRequest,

    /// <summary>A <c>require</c> or import could not be resolved inside the run's jail, or names a host built-in.</summary>
    ModuleNotFound,

    /// <summary>The entry module does not export a function under the requested name.</summary>
    FunctionNotFound,

    /// <summary>A module failed to parse or compile.</summary>
    SyntaxError,

    /// <summary>User code threw, or its promise rejected.</summary>
    UserError,

    /// <summary>The run went past its wall-clock budget.</summary>
    Timeout,

    /// <summary>The run held (or tried to allocate) more memory than its budget.</summary>
    MemoryLimit,

    /// <summary>The run recursed deeper than allowed, in script or inside a built-in.</summary>
    RecursionLimit,

    /// <summary>The function's result cannot be represented as JSON (BigInt, cycles) or is over the size cap.</summary>
    ResultNotSerializable,

    /// <summary>No sandbox thread became free in time, or the queue was full. Safe to retry later.</summary>
    Overloaded,

    /// <summary>The caller canceled the run.</summary>
    Canceled,

    /// <summary>A fault of the runtime itself, not of the request. Never cached; safe to retry.</summary>
    Internal,

    /// <summary>The request was taken from the queue after it stopped being worth running (its <c>expiresAt</c> or
    /// maximum queue age); it was not run. Stored, so a redelivery is not run either.</summary>
    Expired,

    /// <summary>The run used more CPU time than its CPU budget.</summary>
    CpuLimit,

    /// <summary>A batch item that was not run because an earlier item failed and the batch asked to stop on the first
    /// failure.</summary>
    Skipped,
}
