using IsolatedRuntime.Contracts;
using MassTransit;

namespace IsolatedRuntime.Worker.Replies;

/// <summary>Decides each request's <see cref="ReplyRoute"/> and hands the consumer a <see cref="RoutedConsumeContext"/>.</summary>
internal sealed class ReplyRouteFilter(ReplyRouter router) : IFilter<ConsumeContext<RunRequested>>
{
    public Task Send(ConsumeContext<RunRequested> context, IPipe<ConsumeContext<RunRequested>> next) =>
        next.Send(new RoutedConsumeContext(context, RouteOf(context)));

    // An exception here would reach MassTransit's fault handling with the producer's addresses still visible.
    private ReplyRoute RouteOf(ConsumeContext context)
    {
        try
        {
            return router.Route(context);
        }
        catch (Exception ex)
        {
            return ReplyRoute.Refused($"The response address could not be read: {ex.Message}");
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("replyRoute");
}
