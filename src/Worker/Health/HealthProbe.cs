namespace IsolatedRuntime.Worker.Health;

/// <summary>Which checks a health request asks for.</summary>
internal enum HealthProbe
{
    /// <summary>Every check (<c>/health</c>).</summary>
    All,

    /// <summary>Restart me if this fails (<c>/health/live</c>).</summary>
    Live,

    /// <summary>Send me messages only if this passes (<c>/health/ready</c>).</summary>
    Ready,
}
