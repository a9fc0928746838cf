using System.Buffers;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Governance.Cli.Alerts;
using Governance.Cli.Rules;
using Governance.Contracts;
using Governance.Redis;
using Governance.Rules.Engine;
using Governance.Rules.Model;
using Governance.Rules.Packs;
using Governance.SampleData.Simulation;
using Governance.Validation;
using Governance.Scoring;
using Spectre.Console;
using StackExchange.Redis;

namespace Governance.Cli.Commands;

/// <summary><c>governance rules validate|test|publish|list|backtest</c>.</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var rules = new Option<DirectoryInfo>("--rules") { Description = "Rule pack folder.", DefaultValueFactory = _ => new DirectoryInfo("rules") };
        var redis = new Option<string>("--redis")
        {
            Description = "Redis configuration (default: REDIS_CONFIGURATION or 127.0.0.1:6379).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("REDIS_CONFIGURATION") is { Length: > 0 } c ? c : "127.0.0.1:6379",
        };
        var prefix = new Option<string>("--prefix") { Description = "Redis key prefix of the deployment.", DefaultValueFactory = _ => "gov" };
        var events = new Option<FileInfo>("--events") { Description = "JSON-lines file of raw input events.", Required = true };
        var format = new Option<string>("--format") { Description = "json (one firing per line; with --labels one report) or table.", DefaultValueFactory = _ => "table" };
        var labels = new Option<FileInfo?>("--labels") { Description = "Ground truth (governance simulate --truth): print precision, recall and latency per rule instead of the firings." };
        var maxRecordBytes = new Option<int>("--max-record-bytes")
        {
            Description = "Largest accepted record, as ingestion's Ingestion:Limits:MaxRecordBytes of the deployment compared with.",
            DefaultValueFactory = _ => new ValidationLimits().MaxRecordBytes,
        };
        format.AcceptOnlyFromAmong("json", "table");
        maxRecordBytes.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--max-record-bytes must be positive.");
            }
        });

        var validate = new Command("validate", "Check every rule, expression and term list; print the errors with file:line:column.") { rules };
        validate.SetAction(parse => Validate(parse.GetValue(rules)!) is null ? 1 : 0);

        var test = new Command("test", "Run every rule's fixtures.") { rules };
        test.SetAction((parse, token) => TestAsync(parse.GetValue(rules)!, token));

        var publish = new Command("publish", "Validate, then publish the pack to Redis; running workers switch to it.") { rules, redis, prefix };
        publish.SetAction((parse, token) => ReportingRedisErrors(() => PublishAsync(parse.GetValue(rules)!, parse.GetValue(redis)!, parse.GetValue(prefix)!)));

        var list = new Command("list", "Show the active pack in Redis: version, rules, modes.") { redis, prefix };
        list.SetAction((parse, token) => ReportingRedisErrors(() => ListAsync(parse.GetValue(redis)!, parse.GetValue(prefix)!)));

        var backtest = new Command("backtest", "Replay raw events through validation and the worker's window code, in event-time order, as a deployment that began with the file.") { events, rules, format, labels, maxRecordBytes };
        backtest.SetAction((parse, token) => BacktestAsync(parse.GetValue(events)!, parse.GetValue(rules)!, parse.GetValue(format)!, parse.GetValue(labels), new ValidationLimits { MaxRecordBytes = parse.GetValue(maxRecordBytes) }, token));

        var db = AlertsDatabase.ConnectionOption();
        var schema = AlertsDatabase.SchemaOption();
        var days = new Option<int>("--days") { Description = "Period: the last N days.", DefaultValueFactory = _ => 30 };
        var stats = new Command("stats", "Per rule: signals, alerts, decisions and precision (confirmed / decided) from the alerting database.") { db, schema, days, format };
        stats.SetAction((parse, token) => StatsAsync(parse.GetValue(db)!, parse.GetValue(schema)!, parse.GetValue(days), parse.GetValue(format)!, token));

        return new Command("rules", "Work with rule packs.") { validate, test, publish, list, backtest, stats };
    }

    private static (RulePackFiles Files, RulePackCompilation Compilation)? Validate(DirectoryInfo folder, bool quiet = false)
    {
        RulePackFiles files;
        try
        {
            files = RulePackFiles.Read(folder.FullName);
        }
        catch (DirectoryNotFoundException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return null;
        }

        var compilation = RulePackCompiler.Compile(files, DisplayRoot(folder));
        var policyErrors = ValidatePolicy(folder);
        if (!compilation.IsValid || policyErrors.Count > 0)
        {
            foreach (var error in compilation.Errors.Concat(policyErrors))
            {
                Console.Error.WriteLine(error);
            }

            Console.Error.WriteLine($"{compilation.Errors.Count + policyErrors.Count} error(s); the pack is not valid.");
            return null;
        }

        if (!quiet)
        {
            var terms = files.Files.Keys.Count(RulePackFiles.IsTerms);
            Console.WriteLine($"{DisplayRoot(folder)}: {compilation.Pack!.Rules.Count} rules, {terms} term lists, version {files.Version}: valid");
        }

        return (files, compilation);
    }

    /// <summary>The escalation policy (policy/escalation.yaml), when the pack has one: the alerting service reads it.</summary>
    private static List<RuleError> ValidatePolicy(DirectoryInfo folder)
    {
        var errors = new List<RuleError>();
        var path = Path.Combine(folder.FullName, EscalationPolicyParser.RelativePath);
        if (File.Exists(path))
        {
            EscalationPolicyParser.Parse(DisplayRoot(folder) + "/" + EscalationPolicyParser.RelativePath, File.ReadAllText(path), errors);
        }

        return errors;
    }

    private static async Task<int> StatsAsync(string db, string schema, int days, string format, CancellationToken cancellationToken)
    {
        await using var connection = await AlertsDatabase.OpenAsync(db, schema, cancellationToken);
        var from = DateTime.UtcNow.AddDays(-days);
        var rows = (await Dapper.SqlMapper.QueryAsync<RuleStats.Row>(connection, new Dapper.CommandDefinition(RuleStats.Sql, new { from }, cancellationToken: cancellationToken))).ToList();
        if (format == "json")
        {
            foreach (var r in rows)
            {
                Console.WriteLine(JsonSerializer.Serialize(new { rule = r.RuleId, r.Signals, r.Alerts, r.Decided, r.Confirmed, precision = r.Precision, periodDays = days }));
            }

            return 0;
        }

        var table = new Table().Title($"Rules over the last {days} days (since {from:u})").AddColumns("rule", "signals", "alerts", "decided", "confirmed", "precision");
        foreach (var r in rows)
        {
            table.AddRow(Markup.Escape(r.RuleId), N(r.Signals), N(r.Alerts), N(r.Decided), N(r.Confirmed), r.Precision is { } p ? p.ToString("0.00", CultureInfo.InvariantCulture) : "-");
        }

        Terminal.Current().Write(table);
        return 0;

        static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
    }

    private static async Task<int> TestAsync(DirectoryInfo folder, CancellationToken cancellationToken)
    {
        if (Validate(folder, quiet: true) is not { } valid)
        {
            return 1;
        }

        var outcomes = await RuleTestRunner.RunAsync(valid.Files, valid.Compilation.Pack!, TimeProvider.System, cancellationToken);
        foreach (var outcome in outcomes)
        {
            Console.WriteLine($"{(outcome.Passed ? "PASS" : "FAIL")} {outcome.RuleId}: {outcome.Name}");
            foreach (var problem in outcome.Problems)
            {
                Console.WriteLine("     " + problem);
            }
        }

        var failed = outcomes.Count(o => !o.Passed);
        Console.WriteLine($"{outcomes.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static async Task<int> PublishAsync(DirectoryInfo folder, string redis, string prefix)
    {
        if (Validate(folder, quiet: true) is not { } valid)
        {
            return 1;
        }

        await using var connection = await Connect(redis);
        var store = new RedisRulePackStore(connection, new RedisOptions { Configuration = redis, KeyPrefix = prefix });
        var version = await store.PublishAsync(valid.Files, $"{Environment.UserName}@{Environment.MachineName}", DateTimeOffset.UtcNow);
        Console.WriteLine($"published {version} ({valid.Compilation.Pack!.Rules.Count} rules) to {redis} prefix {prefix}");
        return 0;
    }

    private static async Task<int> ListAsync(string redis, string prefix)
    {
        await using var connection = await Connect(redis);
        var store = new RedisRulePackStore(connection, new RedisOptions { Configuration = redis, KeyPrefix = prefix });
        var stored = await store.GetActiveAsync();
        if (stored is null)
        {
            Console.WriteLine("no pack published yet (governance rules publish)");
            return 1;
        }

        var compilation = RulePackCompiler.Compile(new RulePackFiles(stored.Files));
        Terminal.Current().MarkupLine($"active version [bold]{stored.Version}[/], published {stored.PublishedAt:O} by {Markup.Escape(stored.PublishedBy)}");
        var table = new Table().AddColumns("rule", "mode", "severity", "aggregate", "window", "threshold", "version");
        foreach (var rule in compilation.Pack?.Rules ?? [])
        {
            var d = rule.Definition;
            table.AddRow(d.Id, d.Mode.ToString().ToLowerInvariant(), d.Severity.ToString().ToLowerInvariant(), d.Aggregate.ToString().ToLowerInvariant(), Duration.Format(d.Window), Markup.Escape(d.Threshold.ToString()), d.Version);
        }

        Terminal.Current().Write(table);
        return 0;
    }

    private static async Task<int> BacktestAsync(FileInfo eventsFile, DirectoryInfo folder, string format, FileInfo? labelsFile, ValidationLimits limits, CancellationToken cancellationToken)
    {
        if (!eventsFile.Exists)
        {
            Console.Error.WriteLine($"events file '{eventsFile.FullName}' does not exist");
            return 1;
        }

        IReadOnlyList<TruthEntry>? truth = null;
        if (labelsFile is not null)
        {
            try
            {
                truth = TruthFile.Read(labelsFile.FullName);
            }
            catch (Exception ex) when (ex is FormatException or IOException)
            {
                Console.Error.WriteLine(ex is FileNotFoundException ? $"labels file '{labelsFile.FullName}' does not exist" : ex.Message);
                return 1;
            }
        }

        if (Validate(folder, quiet: true) is not { } valid)
        {
            return 1;
        }

        var clock = Stopwatch.StartNew();
        var input = RawEventFile.Read(File.ReadLines(eventsFile.FullName), limits, TimeProvider.System);
        var readTime = clock.Elapsed;
        var result = await Replay.RunAsync(valid.Compilation.Pack!, input.Events, cancellationToken);
        if (truth is not null)
        {
            var policyPath = Path.Combine(folder.FullName, EscalationPolicyParser.RelativePath);
            var alerts = File.Exists(policyPath) ? AlertReplay.FirstAlerts(result, EscalationPolicyParser.Load(policyPath)) : null;
            var report = LabelledReport.Score(
                [.. result.Firings.Select(f => new LabelledSignal(f.Firing.Rule.Id, f.Firing.Rule.Definition.Mode == RuleMode.Enforce, f.Firing.Event.CreatorId, f.Firing.WindowEnd))],
                truth,
                [.. valid.Compilation.Pack!.Rules.Select(r => (r.Id, r.Definition.Mode == RuleMode.Enforce))],
                alerts);
            if (format == "json")
            {
                LabelledReportWriter.WriteJson(report, Console.Out);
            }
            else
            {
                LabelledReportWriter.WriteTable(report);
            }
        }
        else if (format == "json")
        {
            var buffer = new ArrayBufferWriter<byte>();
            using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            foreach (var firing in result.Firings)
            {
                var signal = firing.Signal;
                buffer.ResetWrittenCount();
                writer.Reset();
                writer.WriteStartObject();
                writer.WriteString("signalId", signal.SignalId);
                writer.WriteString("ruleId", signal.RuleId);
                writer.WriteString("ruleVersion", signal.RuleVersion);
                writer.WriteString("mode", signal.Mode);
                writer.WriteString("creatorId", signal.CreatorId);
                if (signal.GroupKey is not null)
                {
                    writer.WriteString("groupKey", signal.GroupKey);
                }

                writer.WriteNumber("value", signal.Value);
                writer.WriteString("threshold", signal.Threshold);
                writer.WriteString("windowEnd", signal.WindowEnd);
                writer.WritePropertyName("evidence");
                JsonSerializer.Serialize(writer, signal.Evidence, GovernanceJsonContext.Default.IReadOnlyListEvidenceItem);
                writer.WriteEndObject();
                writer.Flush();
                Console.Out.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
            }
        }
        else
        {
            var table = new Table().AddColumns("rule", "mode", "creator", "value", "threshold", "window end");
            foreach (var firing in result.Firings)
            {
                var signal = firing.Signal;
                table.AddRow(signal.RuleId, signal.Mode, Markup.Escape(signal.CreatorId), signal.Value.ToString("0.###", CultureInfo.InvariantCulture), Markup.Escape(signal.Threshold), signal.WindowEnd.ToString("O", CultureInfo.InvariantCulture));
            }

            Terminal.Current().Write(table);
        }

        var summary = Console.Error;
        summary.WriteLine($"events read: {input.Lines}; valid: {input.Events.Count}; rejected: {input.RejectedCount}" +
            (input.RejectedCount > 0 ? $" ({string.Join(", ", input.Rejected.Select(r => $"{r.Key}: {r.Value}"))})" : ""));
        summary.WriteLine($"too late: {result.Counters.TooLate}; duplicates: {result.Counters.Duplicates}; rule errors: {result.Counters.Errors.Values.Sum()}");
        foreach (var rule in valid.Compilation.Pack!.Rules)
        {
            summary.WriteLine($"  {rule.Id,-28} {result.Firings.Count(f => f.Firing.Rule.Id == rule.Id),7} firings");
        }

        foreach (var rule in result.PeerCounts.GroupBy(c => c.RuleId))
        {
            // The marketplace's own rates, to hold a surprise rule's `expected` against.
            var bands = rule.GroupBy(c => c.Band).OrderBy(b => b.Key).Select(b => (b.Key, Numerator: b.Sum(c => c.Numerator), Denominator: b.Sum(c => c.Denominator)));
            summary.WriteLine($"  peer rates of {rule.Key} over the stream, by volume band: " + string.Join("; ", bands.Select(b =>
                string.Create(CultureInfo.InvariantCulture, $"{PeerGroups.BandNames[b.Key]}: {b.Numerator:N0} / {b.Denominator:N0} = {(b.Denominator > 0 ? (double)b.Numerator / b.Denominator : 0):0.####}"))));
        }

        summary.WriteLine($"firings: {result.Firings.Count}; elapsed: {clock.Elapsed.TotalSeconds:0.00} s (read and validate {readTime.TotalSeconds:0.00} s, evaluate {(clock.Elapsed - readTime).TotalSeconds:0.00} s)");
        return 0;
    }

    private static string DisplayRoot(DirectoryInfo folder) =>
        Path.GetRelativePath(Environment.CurrentDirectory, folder.FullName).Replace('\\', '/');

    /// <summary>A Redis that is down or refuses the command is the user's to fix: one line on stderr, exit 2, no stack trace.</summary>
    private static async Task<int> ReportingRedisErrors(Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (Exception ex) when (ex is RedisException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
    }

    private static async Task<ConnectionMultiplexer> Connect(string redis)
    {
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(redis + ",connectTimeout=5000");
        }
        catch (RedisConnectionException ex)
        {
            throw new InvalidOperationException($"Redis does not answer at {redis}: {ex.Message}", ex);
        }
    }
}
