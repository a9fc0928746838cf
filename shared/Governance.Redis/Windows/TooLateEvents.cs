using Governance.Rules.Windows;

namespace Governance.Redis.Windows;

/// <summary>The events of a creator the state found older than every window of their source: to be dead-lettered before the write stores their offsets.</summary>
internal static class TooLateEvents
{
    public static List<TooLateEvent>? Of(CreatorUpdates creator, CreatorOutcome outcome)
    {
        List<TooLateEvent>? late = null;
        for (var i = 0; i < outcome.Events.Count; i++)
        {
            if (outcome.Events[i].Status == EventStatus.TooLate)
            {
                var e = creator.Events[i];
                (late ??= []).Add(new TooLateEvent(creator.CreatorId, e.EventId, e.Source, e.OccurredAt, outcome.Events[i].WindowEnd, e.Position));
            }
        }

        return late;
    }
}
