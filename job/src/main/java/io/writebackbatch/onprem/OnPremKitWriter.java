package io.writebackbatch.onprem;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the on-premises runbook kit of one run into a folder, for an administrator to
 * review and run: parts 3 to 5 of Microsoft's "Modify Microsoft Entra Connect group
 * writeback default behavior".
 *
 * <p>
 * Files: {@code README.md}, {@code 01-Create-WritebackDeleteRule.ps1},
 * {@code 02-Disable-MemberLimitRule.ps1} (only when
 * {@link OnPremKitRequest#liftMemberLimit()}), {@code 03-Test-ADRecycleBin.ps1} and
 * {@code disabled-groups.csv}. Scripts are UTF-8 with a byte order mark (Windows
 * PowerShell 5.1 reads a file without one in the ANSI code page) and CRLF line endings;
 * the CSV is UTF-8 with a byte order mark and CRLF records (RFC 4180); the README is
 * UTF-8 without one. Existing files are never overwritten: a kit someone may already have
 * reviewed is not silently replaced.
 */
public final class OnPremKitWriter {

	private static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	/**
	 * Writes the kit.
	 * @return the files written, in the order a reader should look at them
	 * @throws FileAlreadyExistsException if one of the kit's files already exists in the
	 * folder (nothing is written)
	 * @throws IOException if the folder cannot be created or written
	 */
	public List<Path> write(OnPremKitRequest request) throws IOException {
		Path dir = request.outputDirectory();
		List<KitFile> files = new ArrayList<>();
		files.add(new KitFile(KitReadme.FILE, KitReadme.render(request), false));
		files.add(new KitFile(KitScripts.CREATE_DELETE_RULE, KitScripts.createDeleteRule(request), true));
		if (request.liftMemberLimit()) {
			files.add(new KitFile(KitScripts.DISABLE_MEMBER_LIMIT, KitScripts.disableMemberLimit(request), true));
		}
		files.add(new KitFile(KitScripts.TEST_RECYCLE_BIN, KitScripts.testRecycleBin(request), true));
		files.add(new KitFile(KitReadme.CSV, Csv.disabledGroups(request.groups()), true));

		Files.createDirectories(dir);
		for (String name : List.of(KitReadme.FILE, KitScripts.CREATE_DELETE_RULE, KitScripts.DISABLE_MEMBER_LIMIT,
				KitScripts.TEST_RECYCLE_BIN, KitReadme.CSV)) {
			if (Files.exists(dir.resolve(name))) {
				throw new FileAlreadyExistsException(dir.resolve(name).toString(), null,
						"the folder already holds a kit; choose an empty folder");
			}
		}
		List<Path> written = new ArrayList<>(files.size());
		for (KitFile file : files) {
			Path path = dir.resolve(file.name());
			try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW)) {
				if (file.bom()) {
					out.write(UTF8_BOM);
				}
				out.write(file.text().getBytes(StandardCharsets.UTF_8));
			}
			written.add(path);
		}
		return List.copyOf(written);
	}

	private record KitFile(String name, String text, boolean bom) {
	}

}
