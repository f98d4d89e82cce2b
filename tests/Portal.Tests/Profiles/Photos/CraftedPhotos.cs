using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Portal.Tests.Profiles.Photos;

/// <summary>
/// Hostile and unusual uploads, made from <see cref="TestImages"/> with metadata, trailers, headers and animation frames
/// spliced in by hand at the places the formats' specifications put them.
/// </summary>
internal static class CraftedPhotos
{
    public const string GpsSecret = "GPS-SECRET-51.5N";
    public const string XmpSecret = "XMP-SECRET-creator-ada";
    public const string TextSecret = "TEXT-SECRET-taken-at-home";

    private static ReadOnlySpan<byte> JpegStart => [0xFF, 0xD8];

    // IHDR is always first: 8 bytes of signature, then its length (4), type (4), 13 bytes of data and its CRC (4).
    private const int PngHeaderData = 16;
    private const int PngAfterHeader = 33;

    /// <summary>A JPEG with EXIF (orientation and a GPS position) and XMP in APP1 segments, as a phone camera writes them.</summary>
    public static byte[] JpegWithGpsAndXmp(int width, int height) =>
        JpegWithSegments(TestImages.Jpeg(width, height), Exif(orientation: 1, GpsSecret),
            JpegSegment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Encoding.UTF8.GetBytes($"<x:xmpmeta>{XmpSecret}</x:xmpmeta>")]),
            JpegSegment(0xFE, Encoding.ASCII.GetBytes(TextSecret)));

    /// <summary>A JPEG whose EXIF says how to turn it upright (1–8), with nothing else in the EXIF.</summary>
    public static byte[] JpegWithOrientation(int width, int height, ushort orientation) =>
        JpegWithSegments(TestImages.Jpeg(width, height), Exif(orientation, gps: null));

    /// <summary>A PNG with a real colour profile (iCCP, written by SkiaSharp for Display P3) and a tEXt comment.</summary>
    public static byte[] PngWithProfileAndText(int width, int height) =>
        PngWithChunks(TestImages.Png(width, height, DisplayP3), PngChunk("tEXt", Encoding.Latin1.GetBytes($"Comment\0{TextSecret}")));

    public static SKColorSpace DisplayP3 { get; } = SKColorSpace.CreateRgb(SKColorSpaceTransferFn.Srgb, SKColorSpaceXyz.DisplayP3);

    /// <summary>Inserts segments straight after the start-of-image marker, where application segments belong.</summary>
    public static byte[] JpegWithSegments(byte[] jpeg, params byte[][] segments)
    {
        jpeg.AsSpan(0, 2).SequenceEqual(JpegStart).ShouldBeTrue();
        return [.. jpeg.AsSpan(0, 2), .. segments.SelectMany(s => s), .. jpeg.AsSpan(2)];
    }

    public static byte[] JpegSegment(byte marker, ReadOnlySpan<byte> payload) =>
        [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];

    /// <summary>Rewrites the frame header (SOF0, three 8-bit components, as SkiaSharp writes it) to declare another size.</summary>
    public static byte[] JpegClaiming(byte[] jpeg, int width, int height)
    {
        var copy = jpeg.ToArray();
        var frame = copy.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xC0, 0x00, 0x11, 0x08]);
        frame.ShouldBePositive();
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(frame + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(frame + 7), (ushort)width);
        return copy;
    }

    /// <summary>Inserts chunks after IHDR, where ancillary chunks may go.</summary>
    public static byte[] PngWithChunks(byte[] png, params byte[][] chunks)
    {
        Encoding.ASCII.GetString(png, 12, 4).ShouldBe("IHDR");
        return [.. png.AsSpan(0, PngAfterHeader), .. chunks.SelectMany(c => c), .. png.AsSpan(PngAfterHeader)];
    }

    public static byte[] PngChunk(string type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), TestCrc32.Compute(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>Rewrites IHDR (and its CRC) to declare another size; the image data stays as small as it was.</summary>
    public static byte[] PngClaiming(byte[] png, int width, int height)
    {
        var copy = png.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(PngHeaderData), width);
        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(PngHeaderData + 4), height);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(PngHeaderData + 13), TestCrc32.Compute(copy.AsSpan(12, 17)));
        return copy;
    }

    /// <summary>A PNG followed by a ZIP archive: opened as an image it is a picture, opened as an archive it holds a script.</summary>
    public static byte[] PngFollowedByZip(int width, int height)
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = archive.CreateEntry("payload.js", CompressionLevel.NoCompression).Open())
        {
            entry.Write("alert('ZIP-SECRET')"u8);
        }

        return [.. TestImages.Png(width, height), .. zip.ToArray()];
    }

    /// <summary>A JPEG followed by an HTML page: a browser that sniffs the content could run its script.</summary>
    public static byte[] JpegFollowedByHtml(int width, int height) =>
        [.. TestImages.Jpeg(width, height), .. "<html><body><script>alert('HTML-SECRET')</script></body></html>"u8];

    /// <summary>
    /// An animated WebP built chunk by chunk (VP8X with the animation flag, ANIM, one ANMF per frame), each frame the VP8
    /// bitstream of a still WebP that SkiaSharp encoded in the given colour.
    /// </summary>
    public static byte[] AnimatedWebP(int width, int height, params SKColor[] frames)
    {
        var body = new List<byte>();
        body.AddRange(RiffChunk("VP8X", [0x02, 0, 0, 0, .. UInt24(width - 1), .. UInt24(height - 1)]));
        body.AddRange(RiffChunk("ANIM", [0, 0, 0, 0, 0, 0])); // background, loop forever
        foreach (var colour in frames)
        {
            var still = TestImages.WebP(width, height, colour);
            Encoding.ASCII.GetString(still, 12, 4).ShouldBe("VP8 ");
            body.AddRange(RiffChunk("ANMF", [.. UInt24(0), .. UInt24(0), .. UInt24(width - 1), .. UInt24(height - 1),
                .. UInt24(100), 0x00, .. still.AsSpan(12)]));
        }

        return [.. "RIFF"u8, .. LittleEndian(body.Count + 4), .. "WEBP"u8, .. body];
    }

    /// <summary>
    /// An animated PNG: acTL and a frame control before the IDAT (so the still image is the first frame), then a second
    /// frame's control and data (fdAT) taken from a PNG of the same kind in the second colour.
    /// </summary>
    public static byte[] AnimatedPng(int width, int height, SKColor firstColour, SKColor secondColour)
    {
        var first = TestImages.Png(width, height, background: firstColour);
        var second = TestImages.Png(width, height, background: secondColour);
        var firstData = ImageData(first);
        var secondData = ImageData(second);
        second.AsSpan(PngHeaderData, 13).SequenceEqual(first.AsSpan(PngHeaderData, 13)).ShouldBeTrue();
        return
        [
            .. first.AsSpan(0, PngAfterHeader),
            .. PngChunk("acTL", [.. BigEndian(2), .. BigEndian(0)]),
            .. PngChunk("fcTL", FrameControl(0, width, height)),
            .. PngChunk("IDAT", firstData),
            .. PngChunk("fcTL", FrameControl(1, width, height)),
            .. PngChunk("fdAT", [.. BigEndian(2), .. secondData]),
            .. PngChunk("IEND", []),
        ];
    }

    /// <summary>
    /// A baseline JPEG with four components and an Adobe segment (transform 0): CMYK, as print workflows write it. Made by
    /// hand, since no encoder here writes CMYK: each Huffman table has one code of one bit for symbol 0, so every 8×8 block
    /// is "DC difference 0, end of block" and the four blocks of each MCU take exactly one zero byte.
    /// </summary>
    public static byte[] CmykJpeg(int width, int height)
    {
        var mcus = ((width + 7) / 8) * ((height + 7) / 8);
        return
        [
            0xFF, 0xD8,
            .. JpegSegment(0xEE, [.. "Adobe"u8, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00]),
            .. JpegSegment(0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]),
            .. JpegSegment(0xC0, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 4,
                1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]),
            .. JpegSegment(0xC4, [0x00, 1, .. new byte[15], 0x00, 0x10, 1, .. new byte[15], 0x00]),
            .. JpegSegment(0xDA, [4, 1, 0x00, 2, 0x00, 3, 0x00, 4, 0x00, 0, 63, 0]),
            .. new byte[mcus],
            0xFF, 0xD9,
        ];
    }

    /// <summary>
    /// An extended WebP (VP8X with the EXIF and XMP flags) around a still VP8 bitstream, followed by an EXIF chunk holding
    /// the orientation and a GPS position, and an XMP chunk.
    /// </summary>
    public static byte[] WebPWithExifAndXmp(int width, int height, ushort orientation = 1)
    {
        var still = TestImages.WebP(width, height);
        Encoding.ASCII.GetString(still, 12, 4).ShouldBe("VP8 ");
        byte[] body =
        [
            .. RiffChunk("VP8X", [0x08 | 0x04, 0, 0, 0, .. UInt24(width - 1), .. UInt24(height - 1)]),
            .. still.AsSpan(12),
            .. RiffChunk("EXIF", Tiff(orientation, GpsSecret)),
            .. RiffChunk("XMP ", Encoding.UTF8.GetBytes($"<x:xmpmeta>{XmpSecret}</x:xmpmeta>")),
        ];
        return [.. "RIFF"u8, .. LittleEndian(body.Length + 4), .. "WEBP"u8, .. body];
    }

    /// <summary>
    /// An 8-bit greyscale PNG written by hand rather than by SkiaSharp: IHDR, one IDAT of zlib-compressed scanlines (filter
    /// byte 0, then one grey byte per pixel, darker row by row) and IEND.
    /// </summary>
    public static byte[] GreyPng(int width, int height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest))
        {
            var line = new byte[1 + width];
            for (var y = 0; y < height; y++)
            {
                line.AsSpan(1).Fill((byte)(255 - (y * 255 / height)));
                zlib.Write(line);
            }
        }

        return
        [
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
            .. PngChunk("IHDR", [.. BigEndian(width), .. BigEndian(height), 8, 0, 0, 0, 0]),
            .. PngChunk("IDAT", compressed.ToArray()),
            .. PngChunk("IEND", []),
        ];
    }

    /// <summary>A 1×1 GIF: an image, but not a format Portal stores.</summary>
    public static byte[] Gif =>
    [
        .. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0xFF, 0xFF, 0xFF, 0, 0, 0,
        0x21, 0xF9, 4, 1, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B,
    ];

    /// <summary>
    /// An APP1 EXIF segment (big-endian TIFF): IFD0 holds the orientation and, when <paramref name="gps"/> is given, a
    /// pointer to a GPS IFD whose map datum (an ASCII tag) is that text.
    /// </summary>
    private static byte[] Exif(ushort orientation, string? gps) => JpegSegment(0xE1, [.. "Exif\0\0"u8, .. Tiff(orientation, gps)]);

    private static byte[] Tiff(ushort orientation, string? gps)
    {
        var gpsText = gps is null ? [] : Encoding.ASCII.GetBytes(gps + "\0");
        var tiff = new byte[56 + gpsText.Length];
        "MM\0*"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), (ushort)(gps is null ? 1 : 2)); // IFD0 at 8, no next IFD
        IfdEntry(tiff, 10, tag: 0x0112, type: 3, count: 1, value: (uint)orientation << 16);
        if (gps is not null)
        {
            IfdEntry(tiff, 22, tag: 0x8825, type: 4, count: 1, value: 38);
            BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(38), 1); // GPS IFD at 38: one entry, its text at 56
            IfdEntry(tiff, 40, tag: 0x0012, type: 2, count: (uint)gpsText.Length, value: 56);
            gpsText.CopyTo(tiff.AsSpan(56));
        }

        return tiff;
    }

    private static void IfdEntry(byte[] tiff, int offset, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(offset), tag);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(offset + 2), type);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(offset + 4), count);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(offset + 8), value);
    }

    /// <summary>The data of a small PNG's one IDAT chunk.</summary>
    private static byte[] ImageData(byte[] png)
    {
        var type = png.AsSpan().IndexOf("IDAT"u8);
        png.AsSpan(type + 1).IndexOf("IDAT"u8).ShouldBe(-1);
        var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(type - 4));
        return png.AsSpan(type + 4, length).ToArray();
    }

    // Sequence number, width, height, x and y offsets, delay 1/10 s, dispose none, blend source.
    private static byte[] FrameControl(int sequence, int width, int height) =>
        [.. BigEndian(sequence), .. BigEndian(width), .. BigEndian(height), .. BigEndian(0), .. BigEndian(0), 0, 1, 0, 10, 0, 0];

    private static byte[] RiffChunk(string fourCc, byte[] data) =>
        [.. Encoding.ASCII.GetBytes(fourCc), .. LittleEndian(data.Length), .. data, .. data.Length % 2 == 1 ? [(byte)0] : Array.Empty<byte>()];

    private static byte[] UInt24(int value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16)];

    private static byte[] LittleEndian(int value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24)];

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
