package io.zhengwu.assistant.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of the real knowledge folder that a test may change, and a guide fixture to break. */
final class KnowledgeFixtures {

	/** A complete, valid guide, written over {@code id-card-first.yaml} in a copy. */
	static final String GUIDE = """
			id: id-card-first
			domain: public-security
			last_reviewed: 2026-11-28
			department: {zh: 阿里地区公安处户政窗口, bo: ས་ཁུལ་སྤྱི་བདེ་ཐིང་གི་ཐེམ་ཐོ་སྒེའུ་ཁུང་།}
			title: {zh: 首次申领居民身份证, bo: སྡོད་དམངས་ཐོབ་ཐང་ལག་ཁྱེར་ཐེངས་དང་པོར་ཞུ་བ།}
			summary: {zh: 年满16周岁的公民应当申领居民身份证。, bo: ལོ་ 16 ཚང་བའི་སྤྱི་དམངས་ཀྱིས་ཐོབ་ཐང་ལག་ཁྱེར་ཞུ་དགོས།}
			who: {zh: 户籍在本地的中国公民。, bo: ས་གནས་འདིར་ཐེམ་ཐོ་ཡོད་པའི་སྤྱི་དམངས།}
			materials:
			  - name: {zh: 居民户口簿, bo: ཐེམ་ཐོ་དེབ།}
			    form: original
			    count: 1
			    note: {zh: 须有本人的登记页。, bo: རང་ཉིད་ཀྱི་ཤོག་ངོས་ཡོད་དགོས།}
			steps:
			  - {zh: 本人带户口簿到窗口。, bo: རང་ཉིད་ཀྱིས་ཐེམ་ཐོ་དེབ་ཁྱེར་ནས་སྒེའུ་ཁུང་དུ་ཡོང་།}
			  - {zh: 现场拍照并采集指纹。, bo: དེ་གར་པར་རྒྱག་པ་དང་མཛུབ་རིས་ལེན།}
			time_limit: {zh: 法定60日内发证。, bo: ཉིན་ 60 ནང་ལག་ཁྱེར་སྤྲོད།}
			fee: {zh: 工本费20元。, bo: བཟོ་གྲོན་སྒོར་ 20།}
			where:
			  window: {zh: 公安户政窗口, bo: སྤྱི་བདེའི་ཐེམ་ཐོ་སྒེའུ་ཁུང་།}
			  address: {zh: 阿里地区政务服务中心【待确认】, bo: མངའ་རིས་ས་ཁུལ་གཞུང་དོན་ཞབས་ཞུ་ལྟེ་གནས།【གཏན་འཁེལ་མེད།】}
			when: {zh: 工作日办理。, bo: ལས་ཉིན་ལ་སྒྲུབ།}
			online: {zh: 不能网上办。, bo: དྲ་ཐོག་ནས་སྒྲུབ་མི་ཐུབ།}
			contact: {zh: 户政窗口。, bo: ཐེམ་ཐོ་སྒེའུ་ཁུང་།}
			related: [id-card-renewal]
			questions:
			  zh:
			    - 第一次办身份证要带啥
			    - 头一回办身分证要户口本吗
			    - 小孩不到16岁能办身份证吗
			  bo:
			    - ཐོབ་ཐང་ལག་ཁྱེར་ཐེངས་དང་པོ་ལེན་དུས་ཐེམ་ཐོ་དེབ་དགོས་སམ།
			    - ཐོབ་ཐང་ལག་ཁྱེར་ཐེངས་དང་པོར་ཞུ་ན་དངུལ་ག་ཚོད་དགོས།
			    - ལོ་ 16 མ་ཚང་བའི་བྱིས་པས་ཐོབ་ཐང་ལག་ཁྱེར་ཞུ་ཆོག་གམ།
			keywords:
			  zh: [身份证, 首次申领]
			  bo: [ཐོབ་ཐང་ལག་ཁྱེར།]
			""";

	private KnowledgeFixtures() {
	}

	/** A copy of the repository's knowledge folder under {@code parent/knowledge}. */
	static Path copyOfTheRealKnowledge(Path parent) {
		Path source = Path.of("knowledge");
		Path target = parent.resolve("knowledge");
		try (Stream<Path> files = Files.walk(source)) {
			for (Path file : files.toList()) {
				Path copy = target.resolve(source.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(file, copy);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return target;
	}

	static void write(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
