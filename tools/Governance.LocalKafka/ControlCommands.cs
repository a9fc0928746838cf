using System.Globalization;

namespace Governance.LocalKafka;

/// <summary>
/// Line commands read from standard input while the cluster runs (for fault drills by hand or
/// through a FIFO): <c>down N</c>, <c>up N</c>, <c>topic NAME[:PARTITIONS]</c>, <c>quit</c>.
/// </summary>
public sealed class ControlCommands(MockKafkaCluster cluster, TextWriter output)
{
    /// <summary>Runs one command line; returns false when the host should stop.</summary>
    public bool Execute(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return true;
        }

        try
        {
            switch (words[0].ToLowerInvariant())
            {
                case "down" when words.Length == 2:
                    cluster.SetBrokerDown(BrokerId(words[1]));
                    output.WriteLine($"broker {words[1]} down");
                    return true;
                case "up" when words.Length == 2:
                    cluster.SetBrokerUp(BrokerId(words[1]));
                    output.WriteLine($"broker {words[1]} up");
                    return true;
                case "topic" when words.Length == 2:
                    var spec = TopicSpec.Parse(words[1]);
                    cluster.CreateTopic(spec.Name, spec.Partitions);
                    output.WriteLine($"topic {spec.Name} created with {spec.Partitions} partitions");
                    return true;
                case "quit" or "exit":
                    return false;
                default:
                    output.WriteLine("commands: down <brokerId> | up <brokerId> | topic <name[:partitions]> | quit");
                    return true;
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            output.WriteLine("error: " + ex.Message);
            return true;
        }
    }

    private int BrokerId(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id >= 1 && id <= cluster.BrokerCount
            ? id
            : throw new FormatException($"broker id must be 1..{cluster.BrokerCount}, not '{text}'.");
}
