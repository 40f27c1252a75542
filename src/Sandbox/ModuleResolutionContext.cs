using System.Text.Json.Nodes;

namespace IsolatedRuntime.Sandbox;

/// <summary>What an <see cref="IModuleResolver"/> knows of the run asking it.</summary>
/// <param name="Root">The run's root folder (host path), or null for inline sources.</param>
/// <param name="ResolverOptions">The run's <c>resolverOptions</c>, as sent.</param>
public sealed record ModuleResolutionContext(string? Root, JsonNode? ResolverOptions);
