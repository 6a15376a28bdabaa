package io.acqsim.codec;

/**
 * What {@link IsoMessageDecoder} passes on for a frame it could not decode, so that the next
 * handler can answer a format error or close the connection; the raw body is kept for a
 * (masked) hex dump.
 */
public record DecodeFailure(CodecException error, byte[] frame) {
}
