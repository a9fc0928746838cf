using Governance.Cli.Watch;

namespace Governance.Cli.Commands;

/// <summary>
/// <c>--topic role=name</c> (content, transactions, events, deadletter): the pipeline's topics under other
/// names, as tests and shared clusters use them (the services' <c>Ingestion:ContentTopic</c> …).
/// </summary>
internal static class TopicOverrides
{
    public const string Description = "Topic override, role=name (content, transactions, events, deadletter); repeatable.";

    public static WatchTopics Parse(IEnumerable<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var topics = new WatchTopics();
        foreach (var item in overrides)
        {
            var parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
            topics = parts is [var role, { Length: > 0 } name] ? role switch
            {
                "content" => topics with { Content = name },
                "transactions" => topics with { Transactions = name },
                "events" => topics with { Events = name },
                "deadletter" => topics with { DeadLetter = name },
                _ => throw new ArgumentException($"--topic: unknown role '{role}' (content, transactions, events, deadletter)"),
            } : throw new ArgumentException($"--topic: '{item}' is not role=name");
        }

        return topics;
    }
}
