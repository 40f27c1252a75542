using MassTransit;

namespace IsolatedRuntime.Client;

/// <summary>
/// The client's own MassTransit bus when registered standalone with
/// <see cref="ClientServiceCollectionExtensions.AddIsolatedRuntimeClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{IsolatedRuntimeClientOptions})"/>,
/// kept apart from any bus the application has.
/// </summary>
public interface IIsolatedRuntimeBus : IBus;
