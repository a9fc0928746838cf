using System.CommandLine;
using Governance.LocalKafka;

var brokers = new Option<int>("--brokers") { Description = "Number of mock brokers (ids 1..N).", DefaultValueFactory = _ => 3 };
var topics = new Option<string[]>("--topic")
{
    Description = "Topic to create, name:partitions (repeatable). Default: the Governance topics.",
    AllowMultipleArgumentsPerToken = true,
};
var bootstrapFile = new Option<FileInfo?>("--bootstrap-file") { Description = "Also write the bootstrap address to this file (for scripts)." };

var root = new RootCommand("Local Kafka-protocol broker: librdkafka's mock cluster. Reads commands on stdin: down N, up N, topic NAME:P, quit.")
{
    brokers, topics, bootstrapFile,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var specs = parse.GetValue(topics) is { Length: > 0 } given ? given.Select(TopicSpec.Parse).ToList() : TopicSpec.GovernanceDefaults;
    using var cluster = MockKafkaCluster.Start(parse.GetValue(brokers));
    foreach (var spec in specs)
    {
        cluster.CreateTopic(spec.Name, spec.Partitions);
    }

    Console.WriteLine($"bootstrap: {cluster.BootstrapServers}");
    Console.WriteLine($"brokers: {cluster.BrokerCount}; topics: {string.Join(", ", specs.Select(s => $"{s.Name}:{s.Partitions}"))}");
    if (parse.GetValue(bootstrapFile) is { } file)
    {
        await File.WriteAllTextAsync(file.FullName, cluster.BootstrapServers + Environment.NewLine, cancellationToken);
    }

    var commands = new ControlCommands(cluster, Console.Out);
    var stdinClosed = Task.Run(async () =>
    {
        while (await Console.In.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!commands.Execute(line))
            {
                return;
            }
        }

        // stdin at EOF (e.g. </dev/null in a script): keep serving until stopped.
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }, cancellationToken);

    try
    {
        await stdinClosed;
    }
    catch (OperationCanceledException)
    {
    }

    Console.WriteLine("stopping");
    return 0;
});

return await root.Parse(args).InvokeAsync();
