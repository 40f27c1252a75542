using IsolatedRuntime.Sandbox;

namespace IsolatedRuntime.Worker.Requests;

/// <summary>A request turned into sandbox options, or refused with the reason (always <c>InvalidRequest</c>).</summary>
internal sealed record MappedRequest(RunOptions? Options, string? Refusal)
{
    public static MappedRequest Refuse(string reason) => new(null, reason);
}
