using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Portal.Web.Features.Privacy;

/// <summary>
/// Writes the entries of one archive, each streamed into its ZIP entry and hashed as it is written, and remembers
/// what it wrote for the manifest. Every entry is dated when the archive was made (Portal's clock, not the machine's).
/// </summary>
internal sealed class ArchiveWriter(ZipArchive zip, DateTime createdAt, CancellationToken cancellationToken)
{
    private readonly List<ArchiveFile> _files = [];

    public IReadOnlyList<ArchiveFile> Files => _files;

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>Starts a JSON entry <c>{ "schemaVersion": n, "records": [ ... ] }</c>; records are added until it is ended.</summary>
    public async Task<JsonEntry> BeginAsync(string file, int schemaVersion = 1)
    {
        var entry = CreateEntry(file, CompressionLevel.Optimal);
        var stream = await entry.OpenAsync(cancellationToken);
        var json = new JsonEntry(file, schemaVersion, stream, cancellationToken);
        json.Start();
        return json;
    }

    public async Task<ArchiveFile> EndAsync(JsonEntry entry)
    {
        var file = await entry.EndAsync();
        _files.Add(file);
        return file;
    }

    /// <summary>One entry with every record of one query.</summary>
    public async Task<ArchiveFile> WriteAsync<T>(string file, IAsyncEnumerable<T> records)
    {
        var entry = await BeginAsync(file);
        await using (entry)
        {
            await entry.AddAsync(records);
            return await EndAsync(entry);
        }
    }

    /// <summary>A file stored as it is (the photo, already compressed).</summary>
    public async Task<ArchiveFile> WriteBytesAsync(string file, byte[] content)
    {
        var entry = CreateEntry(file, CompressionLevel.NoCompression);
        var stream = await entry.OpenAsync(cancellationToken);
        await using (stream)
        {
            await stream.WriteAsync(content, cancellationToken);
        }

        var written = new ArchiveFile(file, 0, 1, Convert.ToHexStringLower(SHA256.HashData(content)));
        _files.Add(written);
        return written;
    }

    /// <summary>The manifest, last: it lists every other entry.</summary>
    public async Task WriteManifestAsync(ArchiveManifest manifest)
    {
        var entry = CreateEntry(ArchiveManifest.FileName, CompressionLevel.Optimal);
        var stream = await entry.OpenAsync(cancellationToken);
        await using (stream)
        {
            await JsonSerializer.SerializeAsync(stream, manifest, ArchiveJson.Options, cancellationToken);
        }
    }

    private ZipArchiveEntry CreateEntry(string file, CompressionLevel level)
    {
        var entry = zip.CreateEntry(file, level);
        entry.LastWriteTime = new DateTimeOffset(DateTime.SpecifyKind(createdAt, DateTimeKind.Utc));
        return entry;
    }

    /// <summary>
    /// One JSON entry being written: the JSON goes to a buffer, which is hashed and written to the entry whenever it
    /// fills, so a large area never sits in memory whole.
    /// </summary>
    internal sealed class JsonEntry(string file, int schemaVersion, Stream stream, CancellationToken cancellationToken) : IAsyncDisposable
    {
        private const int FlushAt = 32 * 1024;
        private readonly ArrayBufferWriter<byte> _buffer = new(FlushAt * 2);
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private Utf8JsonWriter? _json;
        private int _records;

        public void Start()
        {
            _json = new Utf8JsonWriter(_buffer, ArchiveJson.Writer);
            _json.WriteStartObject();
            _json.WriteNumber("schemaVersion", schemaVersion);
            _json.WriteStartArray("records");
        }

        public async ValueTask AddAsync<T>(T record)
        {
            JsonSerializer.Serialize(Json, record, ArchiveJson.Options);
            _records++;
            if (Json.BytesPending + _buffer.WrittenCount >= FlushAt)
            {
                await DrainAsync();
            }
        }

        public async ValueTask AddAsync<T>(IAsyncEnumerable<T> records)
        {
            await foreach (var record in records.WithCancellation(cancellationToken))
            {
                await AddAsync(record);
            }
        }

        public async Task<ArchiveFile> EndAsync()
        {
            Json.WriteEndArray();
            Json.WriteEndObject();
            await DrainAsync();
            await stream.FlushAsync(cancellationToken);
            return new ArchiveFile(file, schemaVersion, _records, Convert.ToHexStringLower(_hash.GetHashAndReset()));
        }

        public async ValueTask DisposeAsync()
        {
            if (_json is not null)
            {
                await _json.DisposeAsync();
            }

            _hash.Dispose();
            await stream.DisposeAsync();
        }

        private Utf8JsonWriter Json => _json ?? throw new InvalidOperationException("The entry has not started.");

        private async ValueTask DrainAsync()
        {
            Json.Flush();
            _hash.AppendData(_buffer.WrittenSpan);
            await stream.WriteAsync(_buffer.WrittenMemory, cancellationToken);
            _buffer.ResetWrittenCount();
        }
    }
}
