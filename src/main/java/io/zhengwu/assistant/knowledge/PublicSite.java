package io.zhengwu.assistant.knowledge;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where citizens reach the service's own pages ({@code zhengwu.public-base-url},
 * {@code PUBLIC_BASE_URL}): the guide links in answers are built from it.
 *
 * @param publicBaseUrl the public address, e.g. {@code https://zw.example.gov.cn}; at most 120
 * characters so that an answer and its link always fit in one WeChat message
 */
@Validated
@ConfigurationProperties("zhengwu")
public record PublicSite(@NotBlank @Size(max = 120) @Pattern(regexp = "https?://\\S+") @DefaultValue("http://localhost:8080") String publicBaseUrl) {
}
