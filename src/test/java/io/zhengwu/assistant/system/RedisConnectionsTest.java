package io.zhengwu.assistant.system;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisConnectionsTest {

	@Test
	void theFlushConsolidationComesFirstInTheRedisPipeline() {
		EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
		new RedisConnections.ConsolidatedFlushes().afterChannelInitialized(channel);
		assertThat(channel.pipeline().first()).isInstanceOf(FlushConsolidationHandler.class);
		channel.finishAndReleaseAll();
	}

	@Test
	void commandsIssuedWhileRepliesAreReadLeaveInOneWriteWhenTheReadIsDone() {
		// as Lettuce's command handler does: each reply read issues the message's next command
		EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
			@Override
			public void channelRead(ChannelHandlerContext ctx, Object reply) {
				((ByteBuf) reply).release();
				ctx.channel().writeAndFlush(Unpooled.copiedBuffer("EVALSHA\r\n", StandardCharsets.US_ASCII));
			}
		});
		new RedisConnections.ConsolidatedFlushes().afterChannelInitialized(channel);
		channel.pipeline().fireChannelRead(Unpooled.copiedBuffer("+OK\r\n", StandardCharsets.US_ASCII));
		channel.pipeline().fireChannelRead(Unpooled.copiedBuffer("+OK\r\n", StandardCharsets.US_ASCII));
		assertThat((Object) channel.readOutbound()).as("nothing flushed while the read goes on").isNull();
		channel.pipeline().fireChannelReadComplete();
		int written = 0;
		for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
			written++;
			out.release();
		}
		assertThat(written).as("both commands, flushed once the read completed").isEqualTo(2);
		channel.finishAndReleaseAll();
	}

}
