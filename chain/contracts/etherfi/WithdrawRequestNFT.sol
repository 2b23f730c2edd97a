// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import "./EtherFiCommon.sol";

interface IEtherFiERC721Receiver {
    function onERC721Received(address operator, address from, uint256 tokenId, bytes calldata data) external returns (bytes4);
}

/// ether.fi WithdrawRequestNFT replica (mainnet 0x7d5706f6ef3F89B3951E23e557CDFBC3239D4E2c). Requests are minted by
/// the LiquidityPool; EtherFiAdmin finalises them (`finalizeRequests` checkpoints rate = amountPerShareCeil() for the
/// batch) and separately locks their nominal sum here (`LiquidityPool.addEthAmountLockedForWithdrawal`). A claim pays
/// min(amountOfEEth, floor(shareOfEEth * rate / 1e18)) to the NFT owner, releases the nominal amount from the escrow
/// and sweeps the surplus back to the pool. ERC-721 follows OpenZeppelin 4.8.
contract WithdrawRequestNFT is EtherFiPausable {
    struct WithdrawRequest {
        uint96 amountOfEEth;
        uint96 shareOfEEth;
        bool isValid;
        uint32 feeGwei;
    }

    uint256 public constant BASIS_POINT_SCALE = 1e4;
    uint256 public constant SHARE_UNIT = 1e18;

    IEtherFiPool public liquidityPool;
    IEtherFiBlacklister public blacklister;
    address public etherFiAdmin;

    uint32 public nextRequestId;
    uint32 public lastFinalizedRequestId;
    uint128 public ethAmountLockedForWithdrawal;

    // Checkpoint trace of finalisation rates (OZ Checkpoints.Trace224): key = last request id of a batch.
    uint32[] private rateKeys;
    uint224[] private rateValues;

    mapping(uint256 => WithdrawRequest) private requests;
    mapping(uint256 => address) private owners;
    mapping(address => uint256) private balances;
    mapping(uint256 => address) private tokenApprovals;
    mapping(address => mapping(address => bool)) private operatorApprovals;

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);
    event WithdrawRequestCreated(uint32 indexed requestId, uint256 amountOfEEth, uint256 shareOfEEth, address owner);
    event WithdrawRequestClaimed(uint32 indexed requestId, uint256 amountOfEEth, uint256 shareOfEEth, address owner);
    event WithdrawRequestInvalidated(uint32 indexed requestId);
    event WithdrawRequestValidated(uint32 indexed requestId);
    event WithdrawRequestSeized(uint32 indexed requestId);

    error CannotFinalizeFutureRequests();
    error CannotInvalidateFinalizedRequest();
    error CannotUndoFinalization();
    error EthTransferFailed();
    error InsufficientEscrow();
    error NotInitialized();
    error RequestAmountGreaterThanAvailableLiquidity();
    error RequestNotFinalized();
    error RequestNotFound();
    error RequestNotValid();
    error RequestValid();

    /// Deploy-time stand-in for the real constructor + initializers (incl. the rate-freeze sentinel). Runs once.
    function devnetInitialize(address liquidityPool_, address blacklister_, address etherFiAdmin_) external {
        _initOnce(1 days);
        liquidityPool = IEtherFiPool(liquidityPool_);
        blacklister = IEtherFiBlacklister(blacklister_);
        etherFiAdmin = etherFiAdmin_;
        nextRequestId = 1;
        rateKeys.push(0);
        rateValues.push(0);
    }

    function name() public view returns (string memory) { return "Withdraw Request NFT"; }
    function symbol() public view returns (string memory) { return "WithdrawRequestNFT"; }

    // ---------------------------------------------------------------- requests

    function requestWithdraw(uint96 amountOfEEth, uint96 shareOfEEth, address recipient) external whenNotPaused returns (uint256) {
        if (msg.sender != address(liquidityPool)) revert IncorrectCaller();
        uint256 requestId = nextRequestId++;
        requests[requestId] = WithdrawRequest(amountOfEEth, shareOfEEth, true, 0);
        _safeMint(recipient, requestId);
        emit WithdrawRequestCreated(uint32(requestId), amountOfEEth, shareOfEEth, recipient);
        return requestId;
    }

    function getRequest(uint256 requestId) external view returns (WithdrawRequest memory) {
        return requests[requestId];
    }

    function isFinalized(uint256 requestId) public view returns (bool) {
        return requestId <= lastFinalizedRequestId;
    }

    function isValid(uint256 requestId) public view returns (bool) {
        if (owners[requestId] == address(0)) revert RequestNotFound();
        return requests[requestId].isValid;
    }

    function finalizationRatesLength() external view returns (uint256) {
        return rateKeys.length;
    }

    /// The rate of the first checkpoint whose key is >= tokenId (0: legacy request or not finalised).
    function frozenRateFor(uint256 tokenId) public view returns (uint224) {
        uint256 lo = 0;
        uint256 hi = rateKeys.length;
        while (lo < hi) {
            uint256 mid = (lo + hi) / 2;
            if (rateKeys[mid] < tokenId) lo = mid + 1;
            else hi = mid;
        }
        return lo == rateKeys.length ? 0 : rateValues[lo];
    }

    function getClaimableAmount(uint256 tokenId) public view returns (uint256) {
        if (tokenId > lastFinalizedRequestId) revert RequestNotFinalized();
        WithdrawRequest memory r = requests[tokenId];
        uint256 rate = frozenRateFor(tokenId);
        if (rate == 0) rate = liquidityPool.amountPerShareCeil();
        uint256 byShares = uint256(r.shareOfEEth) * rate / SHARE_UNIT;
        return byShares < r.amountOfEEth ? byShares : r.amountOfEEth;
    }

    function claimWithdraw(uint256 tokenId) external nonReentrant {
        blacklister.nonBlacklisted(msg.sender);
        _claim(tokenId);
    }

    function batchClaimWithdraw(uint256[] calldata tokenIds) external nonReentrant {
        blacklister.nonBlacklisted(msg.sender);
        for (uint256 i = 0; i < tokenIds.length; i++) _claim(tokenIds[i]);
    }

    function _claim(uint256 tokenId) internal {
        address owner = ownerOf(tokenId);
        blacklister.nonBlacklisted(owner);
        WithdrawRequest memory r = requests[tokenId];
        if (!r.isValid) revert RequestNotValid();
        uint256 amount = getClaimableAmount(tokenId);
        _burn(tokenId);
        delete requests[tokenId];
        // The escrow held the nominal amount; any surplus over the payout goes back to the pool below.
        if (ethAmountLockedForWithdrawal < r.amountOfEEth) revert InsufficientEscrow();
        ethAmountLockedForWithdrawal -= uint128(r.amountOfEEth);
        liquidityPool.withdraw(amount, r.shareOfEEth);
        (bool ok, ) = owner.call{value: amount}("");
        if (!ok) revert EthTransferFailed();
        if (address(this).balance > ethAmountLockedForWithdrawal) {
            (bool swept, ) = address(liquidityPool).call{value: address(this).balance - ethAmountLockedForWithdrawal}("");
            if (!swept) revert EthTransferFailed();
        }
        _checkEscrow();
        emit WithdrawRequestClaimed(uint32(tokenId), amount, r.shareOfEEth, owner);
    }

    function _checkEscrow() internal view {
        if (address(this).balance < ethAmountLockedForWithdrawal) revert InsufficientEscrow();
    }

    // ---------------------------------------------------------------- admin (EtherFiAdmin / roles)

    /// EtherFiAdmin: finalises every request up to `requestId` at rate = amountPerShareCeil() (one checkpoint per
    /// batch; a repeated id is a no-op). The ETH is locked separately by EtherFiAdmin.
    function finalizeRequests(uint256 requestId) external {
        if (msg.sender != etherFiAdmin) revert IncorrectCaller();
        if (rateKeys.length == 0) revert NotInitialized();
        if (requestId < lastFinalizedRequestId) revert CannotUndoFinalization();
        if (requestId >= nextRequestId) revert CannotFinalizeFutureRequests();
        if (requestId > lastFinalizedRequestId) {
            rateKeys.push(uint32(requestId));
            rateValues.push(uint224(liquidityPool.amountPerShareCeil()));
        }
        lastFinalizedRequestId = uint32(requestId);
    }

    function invalidateRequest(uint256 requestId) external onlyGuardian {
        if (requestId <= lastFinalizedRequestId) revert CannotInvalidateFinalizedRequest();
        if (!isValid(requestId)) revert RequestNotValid();
        requests[requestId].isValid = false;
        emit WithdrawRequestInvalidated(uint32(requestId));
    }

    /// A finalised request that comes back to life needs its nominal amount escrowed again.
    function validateRequest(uint256 requestId) external onlyOperatingTimelock {
        if (owners[requestId] == address(0)) revert RequestNotFound();
        if (requests[requestId].isValid) revert RequestValid();
        if (requestId <= lastFinalizedRequestId) {
            uint256 amount = requests[requestId].amountOfEEth;
            if (amount > liquidityPool.totalValueInLp()) revert RequestAmountGreaterThanAvailableLiquidity();
            liquidityPool.addEthAmountLockedForWithdrawal(uint128(amount));
        }
        requests[requestId].isValid = true;
        emit WithdrawRequestValidated(uint32(requestId));
    }

    function seizeInvalidRequest(uint256 requestId, address recipient) external onlyUpgradeTimelock {
        if (requests[requestId].isValid) revert RequestValid();
        if (owners[requestId] == address(0)) revert RequestNotFound();
        _transfer(ownerOf(requestId), recipient, requestId);
        emit WithdrawRequestSeized(uint32(requestId));
    }

    /// Receives finalisation escrow from the LiquidityPool only; the escrow grows by what arrives.
    receive() external payable {
        if (msg.sender != address(liquidityPool)) revert IncorrectCaller();
        ethAmountLockedForWithdrawal += uint128(msg.value);
        _checkEscrow();
    }

    // ---------------------------------------------------------------- ERC-721 (OZ 4.8)

    function supportsInterface(bytes4 interfaceId) external view returns (bool) {
        return devnetInitialized && interfaceId == 0x80ac58cd || interfaceId == 0x5b5e139f || interfaceId == 0x01ffc9a7;
    }

    function balanceOf(address owner) external view returns (uint256) {
        require(owner != address(0), "ERC721: address zero is not a valid owner");
        return balances[owner];
    }

    function ownerOf(uint256 tokenId) public view returns (address) {
        address owner = owners[tokenId];
        require(owner != address(0), "ERC721: invalid token ID");
        return owner;
    }

    function tokenURI(uint256 tokenId) external view returns (string memory) {
        ownerOf(tokenId);
        return "";
    }

    function approve(address to, uint256 tokenId) external {
        address owner = ownerOf(tokenId);
        require(to != owner, "ERC721: approval to current owner");
        require(msg.sender == owner || operatorApprovals[owner][msg.sender], "ERC721: approve caller is not token owner or approved for all");
        tokenApprovals[tokenId] = to;
        emit Approval(owner, to, tokenId);
    }

    function getApproved(uint256 tokenId) public view returns (address) {
        ownerOf(tokenId);
        return tokenApprovals[tokenId];
    }

    function setApprovalForAll(address operator, bool approved) external {
        require(msg.sender != operator, "ERC721: approve to caller");
        operatorApprovals[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    function isApprovedForAll(address owner, address operator) public view returns (bool) {
        return operatorApprovals[owner][operator];
    }

    function transferFrom(address from, address to, uint256 tokenId) public {
        address owner = ownerOf(tokenId);
        require(msg.sender == owner || isApprovedForAll(owner, msg.sender) || getApproved(tokenId) == msg.sender,
            "ERC721: caller is not token owner or approved");
        require(owner == from, "ERC721: transfer from incorrect owner");
        _transfer(from, to, tokenId);
    }

    function _transfer(address from, address to, uint256 tokenId) internal {
        require(ownerOf(tokenId) == from, "ERC721: transfer from incorrect owner");
        require(to != address(0), "ERC721: transfer to the zero address");
        _beforeTokenTransfer(from, to, tokenId);
        delete tokenApprovals[tokenId];
        balances[from] -= 1;
        balances[to] += 1;
        owners[tokenId] = to;
        emit Transfer(from, to, tokenId);
    }

    function safeTransferFrom(address from, address to, uint256 tokenId) external {
        safeTransferFrom(from, to, tokenId, "");
    }

    function safeTransferFrom(address from, address to, uint256 tokenId, bytes memory data) public {
        transferFrom(from, to, tokenId);
        _checkOnERC721Received(from, to, tokenId, data);
    }

    /// OZ 4.8: a contract recipient must answer onERC721Received; its revert reason bubbles up.
    function _checkOnERC721Received(address from, address to, uint256 tokenId, bytes memory data) internal {
        if (to.code.length == 0) return;
        try IEtherFiERC721Receiver(to).onERC721Received(msg.sender, from, tokenId, data) returns (bytes4 ret) {
            require(ret == IEtherFiERC721Receiver.onERC721Received.selector, "ERC721: transfer to non ERC721Receiver implementer");
        } catch (bytes memory reason) {
            if (reason.length == 0) revert("ERC721: transfer to non ERC721Receiver implementer");
            assembly { revert(add(32, reason), mload(reason)) }
        }
    }

    /// Blacklist on the caller and both sides; an invalid request moves only by the upgrade timelock.
    function _beforeTokenTransfer(address from, address to, uint256 tokenId) internal view {
        blacklister.nonBlacklisted(msg.sender);
        blacklister.nonBlacklisted(to);
        if (requests[tokenId].isValid) blacklister.nonBlacklisted(from);
        else roleRegistry.onlyUpgradeTimelock(msg.sender);
    }

    function _safeMint(address to, uint256 tokenId) internal {
        _mint(to, tokenId);
        _checkOnERC721Received(address(0), to, tokenId, "");
    }

    function _mint(address to, uint256 tokenId) internal {
        require(to != address(0), "ERC721: mint to the zero address");
        _beforeTokenTransfer(address(0), to, tokenId);
        balances[to] += 1;
        owners[tokenId] = to;
        emit Transfer(address(0), to, tokenId);
    }

    function _burn(uint256 tokenId) internal {
        address owner = ownerOf(tokenId);
        _beforeTokenTransfer(owner, address(0), tokenId);
        delete tokenApprovals[tokenId];
        balances[owner] -= 1;
        delete owners[tokenId];
        emit Transfer(owner, address(0), tokenId);
    }
}
